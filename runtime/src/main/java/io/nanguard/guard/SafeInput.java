package io.nanguard.guard;

import io.nanguard.ops.Range;

/**
 * How a guard moves an op's input into the op's safe domain before the catalogue row is applied:
 * a clamp to [lo, hi], then a shift, or for divisors a sign-keeping push away from 0.
 *
 * <p>The slope (d t / d x) is 1 inside the clamp and 0 where the clamp is active, as in
 * PyTorch's {@code clamp}; every guarded form therefore has a finite gradient everywhere.
 */
abstract class SafeInput {

  /** t(x). */
  abstract double apply(double x);

  /** dt/dx at x. */
  abstract double slope(double x);

  /** Whether the clamp (not the shift) moved x: the guard changed the value materially. */
  abstract boolean clamps(double x);

  /** The image of a range of inputs. */
  abstract Range image(Range r);

  /** x, untouched: for an exponent that makes the op safe everywhere. */
  static SafeInput identity() {
    return within(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0);
  }

  /** max(x, lo) + shift, e.g. sqrt's clampMin(x, 0) + eps. */
  static SafeInput atLeast(double lo, double shift) {
    return within(lo, Double.POSITIVE_INFINITY, shift);
  }

  /** min(max(x, lo), hi) + shift. */
  static SafeInput within(double lo, double hi, double shift) {
    return new SafeInput() {
      @Override
      double apply(double x) {
        return Math.min(Math.max(x, lo), hi) + shift;
      }

      @Override
      double slope(double x) {
        return x >= lo && x <= hi ? 1 : 0;
      }

      @Override
      boolean clamps(double x) {
        return x < lo || x > hi;
      }

      @Override
      Range image(Range r) {
        return r.clamp(lo, hi).add(Range.point(shift));
      }
    };
  }

  /**
   * x with |x| raised to at least eps, sign kept, 0 treated as positive: the divisor guard.
   * Where it is raised the slope is 0, so the gradient stays finite (1/eps^2 at worst downstream).
   */
  static SafeInput awayFromZero(double eps) {
    return new SafeInput() {
      @Override
      double apply(double x) {
        if (x >= eps || x <= -eps) {
          return x;
        }
        return x < 0 ? -eps : eps;
      }

      @Override
      double slope(double x) {
        return x >= eps || x <= -eps ? 1 : 0;
      }

      @Override
      boolean clamps(double x) {
        return x < eps && x > -eps;
      }

      @Override
      Range image(Range r) {
        Range negative = r.lo() < 0 ? r.clamp(Double.NEGATIVE_INFINITY, -eps) : null;
        Range positive = r.hi() >= 0 ? r.clamp(eps, Double.POSITIVE_INFINITY) : null;
        if (negative == null) {
          return positive;
        }
        return positive == null ? negative : negative.join(positive);
      }
    };
  }
}
