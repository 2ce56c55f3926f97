package io.nanguard.processor.testapi;

import io.nanguard.guard.Guard;

/**
 * The {@link Vec} library's guard class, as {@link io.nanguard.ops.api.TensorApi} asks for it:
 * one static method per guarded op, operand then eps then the user's site. The arithmetic is
 * NaNGuard's own ({@link Guard}'s scalar guards, element by element). It has no {@code acos}
 * guard and its {@code pow} takes a constant exponent only: ops that need those are left as
 * written, with a note.
 */
public final class VecGuard {

  private VecGuard() {}

  public static Vec sqrt(Vec x, double eps, String site) {
    return x.map(v -> Guard.sqrt(v, eps, site));
  }

  public static Vec log(Vec x, double eps, String site) {
    return x.map(v -> Guard.log(v, eps, site));
  }

  public static Vec exp(Vec x, double eps, String site) {
    return x.map(v -> Guard.exp(v, eps, site));
  }

  public static Vec pow(Vec x, double p, double eps, String site) {
    return x.map(v -> Guard.pow(v, p, eps, site));
  }

  public static Vec divisor(Vec b, double eps, String site) {
    return b.map(v -> Guard.divisor(v, eps, site));
  }

  public static Vec logSigmoid(Vec x, double eps, String site) {
    return x.map(v -> Guard.logSigmoid(v, eps, site));
  }
}
