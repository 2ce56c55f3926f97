package io.nanguard.processor.analysis;

import com.sun.source.util.Trees;
import io.nanguard.ops.FloatFormat;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * What the analyses of one processing round share: javac's utilities, the round's member index,
 * and the facts computed across methods (field invariants, return-range summaries, parameter
 * contracts of private methods), each computed
 * at most once per round.
 */
public final class AnalysisContext {

  private final Elements elements;
  private final Types types;
  private final Trees trees;
  private final MemberIndex members;
  private final FieldInvariants fields;
  private final MethodSummaries summaries;
  private final ParameterContracts contracts;
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
    this.fields = new FieldInvariants(this);
    this.summaries = new MethodSummaries(this);
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

  /** The round's member index. */
  public MemberIndex members() {
    return members;
  }

  FieldInvariants fields() {
    return fields;
  }

  MethodSummaries summaries() {
    return summaries;
  }

  ParameterContracts contracts() {
    return contracts;
  }
}
