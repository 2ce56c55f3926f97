package io.nanguard.processor.analysis;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * The overload a call of primitive arguments invokes, chosen as javac's first phase does
 * (JLS 15.12.2.2 and 15.12.2.5: applicable by identity or widening primitive conversion, then the
 * most specific), without attributing the class: {@code Precision.equals(x, 0.0, eps)} with
 * {@code double} arguments is {@code equals(double, double, double)}, not the {@code int} or
 * {@code float} overloads. It decides only where every argument's primitive type is known and
 * every candidate takes primitives; otherwise there is no answer (null), never a guess.
 */
final class Overloads {

  private Overloads() {}

  /** The method of {@code candidates} a call with arguments of {@code args} invokes, or null. */
  static ExecutableElement chosen(List<ExecutableElement> candidates, List<TypeKind> args) {
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    if (args.contains(null)) {
      return null;
    }
    List<ExecutableElement> applicable = new ArrayList<>();
    for (ExecutableElement m : candidates) {
      if (m.isVarArgs() || m.getParameters().size() != args.size()) {
        return null;
      }
      boolean all = true;
      for (int i = 0; i < args.size() && all; i++) {
        TypeKind p = m.getParameters().get(i).asType().getKind();
        if (!p.isPrimitive()) {
          return null; // boxing phases and reference subtyping are javac's to decide
        }
        all = widens(args.get(i), p);
      }
      if (all) {
        applicable.add(m);
      }
    }
    ExecutableElement best = null;
    for (ExecutableElement m : applicable) {
      if (applicable.stream().allMatch(o -> moreSpecific(m, o))) {
        if (best != null) {
          return null;
        }
        best = m;
      }
    }
    return best;
  }

  private static boolean moreSpecific(ExecutableElement m, ExecutableElement o) {
    List<? extends VariableElement> a = m.getParameters();
    List<? extends VariableElement> b = o.getParameters();
    for (int i = 0; i < a.size(); i++) {
      if (!widens(a.get(i).asType().getKind(), b.get(i).asType().getKind())) {
        return false;
      }
    }
    return true;
  }

  /** Whether a value of primitive type {@code from} converts to {@code to} by identity or widening (JLS 5.1.2). */
  static boolean widens(TypeKind from, TypeKind to) {
    if (from == to) {
      return true;
    }
    return switch (from) {
      case BYTE -> to == TypeKind.SHORT || numericAbove(TypeKind.INT, to);
      case SHORT, CHAR -> numericAbove(TypeKind.INT, to);
      case INT -> numericAbove(TypeKind.LONG, to);
      case LONG -> numericAbove(TypeKind.FLOAT, to);
      case FLOAT -> to == TypeKind.DOUBLE;
      default -> false;
    };
  }

  /** Whether {@code to} is {@code least} or a wider one of int, long, float, double. */
  private static boolean numericAbove(TypeKind least, TypeKind to) {
    List<TypeKind> order = List.of(TypeKind.INT, TypeKind.LONG, TypeKind.FLOAT, TypeKind.DOUBLE);
    int at = order.indexOf(to);
    return at >= 0 && at >= order.indexOf(least);
  }
}
