package io.nanguard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A range fact for NaNGuard's compile-time analysis: the annotated parameter, or the return
 * value of the annotated method, is greater than or equal to 0 (so {@code sqrt} of it has a finite value, though its gradient at 0 is still infinite).
 *
 * <p>For a {@code Tensor} the fact holds for every element ({@code x >= 0}). The analysis trusts
 * it without checking; under {@code Anomaly} the run-time checker still verifies the values
 * that actually flow.
 *
 * <pre>{@code
 * @Guarded
 * public Tensor rms(@NonNegative Tensor meanSquare) {
 *   return meanSquare.sqrt();              // warning: gradient infinite at 0
 *   // return meanSquare.add(1e-8).sqrt(); // no warning: [1e-8, inf)
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.PARAMETER, ElementType.METHOD})
public @interface NonNegative {}
