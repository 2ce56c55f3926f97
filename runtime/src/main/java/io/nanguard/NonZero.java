package io.nanguard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A range fact for NaNGuard's compile-time analysis: the annotated parameter, or the return
 * value of the annotated method, is never 0 (so division by it is safe; its sign is unknown).
 *
 * <p>For a {@code Tensor} the fact holds for every element ({@code x != 0}). The analysis trusts
 * it without checking; under {@code Anomaly} the run-time checker still verifies the values
 * that actually flow.
 *
 * <pre>{@code
 * @Guarded
 * public double ratio(double a, @NonZero double b) {
 *   return a / b;                          // no warning
 * }
 * }</pre>
 *
 * <p>Comparisons also tell the analysis a value is not 0: {@code b != 0 ? a / b : 0} needs no
 * annotation.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.PARAMETER, ElementType.METHOD})
public @interface NonZero {}
