package io.nanguard.processor.rewrite;

import java.util.List;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Binary numeric promotion (JLS 5.6.2) on type kinds: the one rule both the source typer and the
 * exact-type checks of the rewrite apply, so the two never disagree on whether a division is an
 * integer one.
 */
final class NumericPromotion {

  private static final List<TypeKind> WIDEST_FIRST = List.of(TypeKind.DOUBLE, TypeKind.FLOAT, TypeKind.LONG);

  private NumericPromotion() {}

  /** The numeric primitive kind of {@code t}, a box unboxed; null if {@code t} is null or not numeric. */
  static TypeKind kindOf(Types types, TypeMirror t) {
    if (t == null) {
      return null;
    }
    TypeMirror p = t;
    if (t instanceof DeclaredType) {
      try {
        p = types.unboxedType(t);
      } catch (IllegalArgumentException notABox) {
        return null;
      }
    }
    TypeKind kind = p.getKind();
    return kind.isPrimitive() && kind != TypeKind.BOOLEAN ? kind : null;
  }

  /**
   * The promoted kind of two operands' kinds. An unknown (null) operand still gives the answer
   * when the other one decides it (anything with a double is a double); otherwise null.
   */
  static TypeKind promote(TypeKind a, TypeKind b) {
    for (TypeKind k : WIDEST_FIRST) {
      if (a == k || b == k) {
        return k;
      }
    }
    return a == null || b == null ? null : TypeKind.INT;
  }
}
