package io.nanguard.processor.analysis;

import io.nanguard.ops.FloatFormat;
import io.nanguard.ops.Range;
import io.nanguard.ops.OpCatalog;
import io.nanguard.ops.api.ApiMethod;
import io.nanguard.ops.api.ApiTable;
import io.nanguard.ops.api.JavaMathApi;
import io.nanguard.ops.api.Role;
import io.nanguard.ops.api.TensorLibraryApi;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Which floating format an op computes in: the library's own ({@code ApiTable#format()}: float32
 * for DJL), unless {@code @io.nanguard.Precision} on the method or an enclosing type, or the
 * option {@code -Ananguard.format}, declares another for the libraries that providers describe.
 * The built-in {@code Tensor} and {@code Math} tables always compute in float64; Java's own
 * operators compute in float32 exactly when Java's numeric promotion makes them float operators
 * (a {@code float} operand and no {@code double} one), and a value stored in a {@code float} is
 * rounded to float32.
 */
final class Precisions {

  private static final String PRECISION = "io.nanguard.Precision";

  private Precisions() {}

  /** The format declared for {@code method}: its own annotation, an enclosing type's, else {@code option}. */
  static FloatFormat declared(ExecutableElement method, FloatFormat option) {
    for (Element e = method; e != null; e = e.getEnclosingElement()) {
      for (AnnotationMirror a : e.getAnnotationMirrors()) {
        // The annotation's qualified name, compared without printing its type (called per method).
        if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(PRECISION)) {
          for (AnnotationValue v : a.getElementValues().values()) {
            if (v.getValue() instanceof VariableElement constant) {
              return FloatFormat.valueOf(constant.getSimpleName().toString());
            }
          }
        }
      }
    }
    return option;
  }

  /** The format {@code api}'s ops compute in, given the declared one (null: none declared). */
  static FloatFormat of(ApiTable api, FloatFormat declared) {
    boolean builtIn = api == TensorLibraryApi.TABLE || api == JavaMathApi.TABLE;
    return declared != null && !builtIn ? declared : api.format();
  }

  /** What is known of a Java number once rounded to {@code format}. */
  static Fact rounded(Fact f, FloatFormat format) {
    Range r = format.round(f.range());
    return r.equals(f.range()) ? f : new Fact(r, f.nonZero() && !r.contains(0));
  }

  /** Whether v is a Java {@code float} (or {@code Float}) as far as the analysis knows its type. */
  static boolean isFloat(Value v) {
    TypeMirror t = v.type();
    return t != null && (t.getKind() == TypeKind.FLOAT || t instanceof DeclaredType d
        && ((TypeElement) d.asElement()).getQualifiedName().contentEquals("java.lang.Float"));
  }

  /**
   * Whether Java computes {@code l op r} in float32: one operand is a float and the other a float
   * or a whole number. An operand of unknown type counts as double, as the existing analysis of
   * double code does.
   */
  static boolean inFloat32(Value l, Value r) {
    return (isFloat(l) || isFloat(r))
        && (isFloat(l) || l.kind() == Kind.INTEGRAL) && (isFloat(r) || r.kind() == Kind.INTEGRAL);
  }

  /**
   * Whether a call of {@code java.lang.Math}'s {@code m} on these operands resolves to a float
   * overload: Math has them for abs, max and min only (every other method takes and returns double).
   */
  static boolean floatOverload(ApiMethod m, List<Value> operands) {
    boolean overloaded = m.op() == OpCatalog.ABS || m.role() == Role.MAXIMUM || m.role() == Role.MINIMUM;
    return overloaded && operands.stream().allMatch(Precisions::isFloat);
  }

  /** The fact once stored in a variable (or cast to a type) of type t: rounded to float32 for a float. */
  static Fact stored(Fact f, TypeMirror t) {
    return t != null && t.getKind() == TypeKind.FLOAT ? rounded(f, FloatFormat.FLOAT32) : f;
  }
}
