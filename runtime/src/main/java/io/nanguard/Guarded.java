package io.nanguard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a loss method (or every non-private method with a body of a type) for NaNGuard's
 * compile-time analysis and epsilon-safe code generation.
 *
 * <p>The processor reads the method body, warns ({@code [nanguard:KIND]}) on each op that may
 * produce a non-finite value or gradient (sqrt/pow at 0, log at or below 0, division by a value
 * that may be 0, acos/asin at &plusmn;1, exp overflow, unstable compositions such as
 * {@code log(sum(exp(x)))}), and writes {@code Guarded<Name>} beside the type, overriding the
 * method with a rewritten body in which only the ops it could not prove safe are replaced by
 * their epsilon-safe forms.
 *
 * <pre>{@code
 * public class LatentLoss {
 *   @Guarded
 *   public Tensor loss(Tensor v0, Tensor e) {
 *     return v0.sub(e).square().sum(1).sqrt().mean();   // warning: [nanguard:sqrt] ...
 *   }
 * }
 * LatentLoss safe = new GuardedLatentLoss();              // sqrt(x + 1e-8) in place of sqrt(x)
 * }</pre>
 *
 * <p>The method must be overridable: not private, not final, not in a final class, and it must
 * have a body. Anything else is a compile error on the element.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Guarded {
  /**
   * The epsilon used by the rewritten ops. Wins over {@code -Ananguard.eps}, which wins over
   * the default 1e-8.
   */
  double eps() default 1e-8;
}
