package io.nanguard.processor.analysis;

import io.nanguard.ops.FloatFormat;
import io.nanguard.ops.Range;
import io.nanguard.ops.api.ApiTable;
import io.nanguard.ops.api.JavaMathApi;
import io.nanguard.ops.api.TensorLibraryApi;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * Which floating format an op computes in: the library's own ({@code ApiTable#format()}: float32
 * for DJL), unless {@code @io.nanguard.Precision} on the method or an enclosing type, or the
 * option {@code -Ananguard.format}, declares another for the libraries that providers describe.
 * The built-in {@code Tensor} and {@code Math} tables always compute in float64.
 */
final class Precisions {

  private static final String PRECISION = "io.nanguard.Precision";

  private Precisions() {}

  /** The format declared for {@code method}: its own annotation, an enclosing type's, else {@code option}. */
  static FloatFormat declared(ExecutableElement method, FloatFormat option) {
    for (Element e = method; e != null; e = e.getEnclosingElement()) {
      for (AnnotationMirror a : e.getAnnotationMirrors()) {
        if (a.getAnnotationType().toString().equals(PRECISION)) {
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
}
