package io.nanguard.processor.analysis;

import io.nanguard.ops.Range;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The range facts that annotations state about a parameter or a method's return value, as a
 * table from annotation name to {@link Fact}. The analysis trusts them without checking them.
 */
public final class RangeAnnotations {

  /** The annotation whose methods return a distance: its result is &gt;= 0. */
  public static final String DISTANCE = "io.nanguard.Distance";

  private static final Map<String, Fact> FACTS = Map.of(
      "io.nanguard.Positive", Fact.of(Range.POSITIVE),
      "io.nanguard.NonNegative", Fact.of(Range.NON_NEGATIVE),
      "io.nanguard.NonZero", new Fact(Range.TOP, true),
      "io.nanguard.UnitInterval", Fact.of(Range.UNIT),
      DISTANCE, Fact.of(Range.NON_NEGATIVE));

  private RangeAnnotations() {}

  /** What the annotations on {@code e} state (every one of them holds), or TOP if none. */
  public static Fact of(Element e) {
    Fact f = Fact.TOP;
    for (AnnotationMirror a : e.getAnnotationMirrors()) {
      Fact stated = FACTS.get(((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().toString());
      if (stated != null) {
        f = new Fact(f.range().meet(stated.range()), f.nonZero() || stated.nonZero());
      }
    }
    return f;
  }
}
