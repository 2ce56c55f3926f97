package io.nanguard.processor.analysis;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.nanguard.ops.FloatFormat;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Name;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * What the analyses of one processing round share: javac's utilities, the round's member index,
 * and the facts computed across methods (field invariants, return-range and precondition
 * summaries, boolean predicate summaries, parameter contracts of private methods), each computed at most once per round (a predicate's,
 * once per branch on it).
 */
public final class AnalysisContext {

  private final Elements elements;
  private final Types types;
  private final Trees trees;
  private final MemberIndex members;
  private final FieldInvariants fields;
  private final MethodSummaries summaries;
  private final Predicates predicates;
  private final ParameterContracts contracts;
  private final DeclarationPaths paths;
  /** Names as strings: javac's names are unique per compilation, so identity finds them. */
  private final Map<Name, String> texts = new IdentityHashMap<>();
  private final FloatFormat format;

  /** The context of one round; {@code trees} finds the sources of callees and of fields' classes. */
  public AnalysisContext(Elements elements, Types types, Trees trees, MemberIndex members) {
    this(elements, types, trees, members, null);
  }

  /**
   * As {@link #AnalysisContext(Elements, Types, Trees, MemberIndex)}, where the libraries that
   * providers describe compute in {@code format} ({@code -Ananguard.format}) unless a
   * {@code @Precision} says otherwise; null keeps each library's own format.
   */
  public AnalysisContext(Elements elements, Types types, Trees trees, MemberIndex members, FloatFormat format) {
    this.format = format;
    this.elements = elements;
    this.types = types;
    this.trees = trees;
    this.members = members;
    this.paths = new DeclarationPaths(trees);
    this.fields = new FieldInvariants(this);
    this.summaries = new MethodSummaries(this);
    this.predicates = new Predicates(this);
    this.contracts = new ParameterContracts(this);
  }

  /** The format declared by option for provider libraries, or null. */
  FloatFormat format() {
    return format;
  }

  Elements elements() {
    return elements;
  }

  Types types() {
    return types;
  }

  Trees trees() {
    return trees;
  }

  /**
   * The method javac's attribution invokes at {@code call} in {@code unit}, found through the
   * paths of its method's {@code body} when it is there (else searched in the file), or null. The first
   * question about a class attributes all of it: inside a round (guarded methods) that costs a
   * second attribution, as javac attributes the class again after the rounds, so it is asked only
   * where the source cannot tell overloads apart; the scan of unmarked methods runs after the
   * rounds, where this attribution is javac's own and costs nothing more.
   */
  ExecutableElement attributedMethod(CompilationUnitTree unit, BodyPaths body, Tree call) {
    TreePath path = body != null ? body.of(call) : null;
    if (path == null) {
      path = trees.getPath(unit, call);
    }
    return path != null && trees.getElement(path) instanceof ExecutableElement m ? m : null;
  }

  /** The round's member index. */
  public MemberIndex members() {
    return members;
  }

  /** {@code name} as a string, converted once (javac's {@code Name.toString} decodes it each time). */
  String text(Name name) {
    return texts.computeIfAbsent(name, Name::toString);
  }

  /** Where the round's classes and methods are declared. */
  public DeclarationPaths paths() {
    return paths;
  }

  FieldInvariants fields() {
    return fields;
  }

  MethodSummaries summaries() {
    return summaries;
  }

  Predicates predicates() {
    return predicates;
  }

  ParameterContracts contracts() {
    return contracts;
  }
}
