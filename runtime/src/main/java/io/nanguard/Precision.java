package io.nanguard;

import io.nanguard.ops.FloatFormat;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the floating format a method's (or every method of a type's) tensor library computes
 * in, for NaNGuard's compile-time analysis: where {@code exp} overflows (88.72 in float32, 11.09
 * in float16), which constants round away ({@code 1 - 1e-9} is 1 in float32, {@code 1e-8} is 0 in
 * float16). A library's provider gives its default (float32 for DJL's {@code NDArray}); this
 * annotation on the method, else on an enclosing type, else the processor option
 * {@code -Ananguard.format=float16}, overrides it. It applies to libraries described by
 * providers; NaNGuard's own {@code Tensor} and Java's {@code double} are always float64.
 *
 * <pre>{@code
 * @Guarded
 * @Precision(FloatFormat.FLOAT16)
 * public NDArray loss(NDArray logits) { ... }   // exp flagged above 11.09
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Precision {

  /** The format. */
  FloatFormat value();
}
