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
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.PARAMETER, ElementType.METHOD})
public @interface Positive {}
