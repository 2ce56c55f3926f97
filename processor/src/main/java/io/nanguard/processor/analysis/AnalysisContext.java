package io.nanguard.processor.analysis;

import com.sun.source.util.Trees;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * What the analyses of one processing round share: javac's utilities, the round's member index,
 * and the facts computed across methods (field invariants, return-range summaries), each computed
 * at most once per round.
 */
public final class AnalysisContext {

  private final Elements elements;
  private final Types types;
  private final Trees trees;
  private final MemberIndex members;
  private final FieldInvariants fields;
  private final MethodSummaries summaries;

  /** The context of one round; {@code trees} finds the sources of callees and of fields' classes. */
  public AnalysisContext(Elements elements, Types types, Trees trees, MemberIndex members) {
    this.elements = elements;
    this.types = types;
    this.trees = trees;
    this.members = members;
    this.fields = new FieldInvariants(this);
    this.summaries = new MethodSummaries(this);
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
}
