package io.nanguard.processor.analysis;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.NewArrayTree;
import io.nanguard.ops.Hazard;
import java.util.Set;
import javax.lang.model.element.Element;

/**
 * {@code @SuppressWarnings("nanguard")} (every kind) and {@code ("nanguard:KIND")} (one kind), on
 * a method, a class (and its enclosing classes) or a local variable.
 */
public final class Suppression {

  /** The key that silences every kind. */
  public static final String ALL = "nanguard";

  private Suppression() {}

  /** Whether {@code keys} silence findings of {@code hazard}. */
  public static boolean silences(Set<String> keys, Hazard hazard) {
    return keys.contains(ALL) || keys.contains(ALL + ":" + hazard.key());
  }

  /** Whether {@code @SuppressWarnings} on {@code e} or an element enclosing it silences {@code hazard}. */
  public static boolean silences(Element e, Hazard hazard) {
    for (Element x = e; x != null; x = x.getEnclosingElement()) {
      SuppressWarnings s = x.getAnnotation(SuppressWarnings.class);
      if (s != null && silences(Set.of(s.value()), hazard)) {
        return true;
      }
    }
    return false;
  }

  /** Adds the string literals of an annotation argument ({@code "a"}, {@code {"a", "b"}}, {@code value = ...}). */
  static void collectLiterals(ExpressionTree arg, Set<String> into) {
    if (arg instanceof AssignmentTree a) {
      collectLiterals(a.getExpression(), into);
    } else if (arg instanceof NewArrayTree array && array.getInitializers() != null) {
      array.getInitializers().forEach(i -> collectLiterals(i, into));
    } else if (arg instanceof LiteralTree l && l.getValue() instanceof String s) {
      into.add(s);
    }
  }
}
