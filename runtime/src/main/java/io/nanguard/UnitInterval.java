package io.nanguard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A range fact for NaNGuard's compile-time analysis: the annotated parameter, or the return
 * value of the annotated method, is within [0, 1], like a probability (so {@code log(1 - p)} is still flagged at p = 1).
 *
 * <p>For a {@code Tensor} the fact holds for every element ({@code 0 <= x <= 1}). The analysis trusts
 * it without checking; under {@code Anomaly} the run-time checker still verifies the values
 * that actually flow.
 *
 * <pre>{@code
 * @Guarded
 * public double bce(@UnitInterval double p, double y) {
 *   return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));   // two warnings: log at 0
 *   // Math.log(p + 1e-7) and Math.log(1 - p + 1e-7) are safe
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.PARAMETER, ElementType.METHOD})
public @interface UnitInterval {}
