package io.nanguard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A range fact for NaNGuard's compile-time analysis: the annotated parameter, or the return
 * value of the annotated method, is strictly greater than 0 (so {@code log}, {@code sqrt} and division by it are safe).
 *
 * <p>For a {@code Tensor} the fact holds for every element ({@code x > 0}). The analysis trusts
 * it without checking; under {@code Anomaly} the run-time checker still verifies the values
 * that actually flow.
 *
 * <pre>{@code
 * @Guarded
 * public double nll(@Positive double likelihood) {
 *   return -Math.log(likelihood);          // no warning: log of (0, inf)
 * }
 * @Positive double temperature() { ... }   // callers may divide by temperature()
 * }</pre>
 *
 * <p>A product of two positive values is not positive in floating point (it can underflow to
 * 0), so {@code Math.log(p * q)} is still flagged; write {@code Math.log(p) + Math.log(q)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.PARAMETER, ElementType.METHOD})
public @interface Positive {}
