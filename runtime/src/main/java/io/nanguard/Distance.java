package io.nanguard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that returns a Euclidean distance or norm, so that NaNGuard both guards it
 * (as {@link Guarded}) and lets callers rely on its result being {@code >= 0}.
 *
 * <p>The method's return expression must be a {@code sqrt}, {@code norm} or {@code dist} and its
 * return type {@code double} or {@code Tensor}; anything else is a compile error. Its guarded
 * form has a finite gradient everywhere, including where the two points coincide: the classic
 * {@code sqrt(sum((a - b)^2))} has an infinite gradient there, which the chain rule turns into
 * NaN.
 *
 * <pre>{@code
 * @Distance
 * public Tensor d(Tensor a, Tensor b) { return a.sub(b).square().sum(1).sqrt(); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Distance {
  /** The epsilon added inside the square root of the guarded form. */
  double eps() default 1e-8;
}
