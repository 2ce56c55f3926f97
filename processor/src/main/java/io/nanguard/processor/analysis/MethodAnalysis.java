package io.nanguard.processor.analysis;

import com.sun.source.tree.Tree;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the range analysis found in one method body.
 *
 * @param findings every op it could not prove safe, in source order
 * @param localSuppressions for findings inside a local variable declaration annotated with
 *     {@code @SuppressWarnings}, the suppression keys in force there, by the finding's op tree
 * @param returns the values of the method's return statements
 * @param established what is known, whenever the method returns normally, of its parameters that
 *     it never assigns (by {@link Narrowing} key: {@code x}, {@code x.length}, {@code abs(x)},
 *     {@code x - y}): what its checks ({@code if (x <= 0) throw ...}) leave true of the arguments
 */
public record MethodAnalysis(List<Finding> findings, Map<Tree, Set<String>> localSuppressions, List<Value> returns,
    Map<String, Fact> established) {

  /** The suppression keys that apply to a finding from inside the body (empty if none). */
  public Set<String> suppressionsOf(Finding f) {
    return localSuppressions.getOrDefault(f.op(), Set.of());
  }
}
