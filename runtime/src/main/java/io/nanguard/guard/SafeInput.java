package io.nanguard.guard;

import io.nanguard.ops.FloatFormat;
import io.nanguard.ops.Guarding;
import io.nanguard.ops.Range;

/**
 * How a guard moves an op's input into the op's safe domain before the catalogue row is applied:
 * a clamp to [lo, hi] then a shift, or, for divisors, a sign-keeping push out of (-eps, eps).
 *
 * <p>The slope (dt/dx) is 1 where the clamp is inactive and 0 where it is active, as for
 * PyTorch's {@code clamp}, so every guarded form has a finite gradient everywhere. A final class
 * with plain fields, so the per-element loops that use it compile to straight arithmetic.
 */
final class SafeInput {

  /**
   * What one pass over a tensor's values found.
   *
   * @param engaged elements the guard changes materially (see {@link #engages})
   * @param clamped whether the clamp is active anywhere; if not, t(x) is x + shift throughout
   */
  record Scan(long engaged, boolean clamped) {}

  private final double lo;
  private final double hi;
  private final double shift;
  private final boolean awayFromZero;

  private SafeInput(double lo, double hi, double shift, boolean awayFromZero) {
    this.lo = lo;
    this.hi = hi;
    this.shift = shift;
    this.awayFromZero = awayFromZero;
  }

  /**
   * A catalogue row's guard transform at this eps, in float64 (the format guards compute in); x
   * untouched for a row without one (pow with an exponent that makes it safe everywhere).
   */
  static SafeInput of(Guarding g, double eps) {
    if (g == null) {
      return within(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0);
    }
    if (g.shape() == Guarding.Shape.AWAY_FROM_ZERO) {
      return awayFromZero(eps);
    }
    return within(g.lo(eps), g.hi(eps, FloatFormat.FLOAT64), g.shift(eps));
  }

  /** max(x, lo) + shift, e.g. sqrt's clampMin(x, 0) + eps. */
  static SafeInput atLeast(double lo, double shift) {
    return within(lo, Double.POSITIVE_INFINITY, shift);
  }

  /** min(max(x, lo), hi) + shift. */
  static SafeInput within(double lo, double hi, double shift) {
    return new SafeInput(lo, hi, shift, false);
  }

  /**
   * x with |x| raised to at least eps, sign kept, 0 treated as positive: the divisor guard.
   * Where it is raised the slope is 0, so the gradient stays finite.
   */
  static SafeInput awayFromZero(double eps) {
    return new SafeInput(-eps, eps, 0, true);
  }

  /** The shift added after the clamp (0 for divisors). */
  double shift() {
    return shift;
  }

  /** t(x). */
  double apply(double x) {
    if (awayFromZero) {
      return clamps(x) ? (x < 0 ? lo : hi) : x;
    }
    return Math.min(Math.max(x, lo), hi) + shift;
  }

  /** dt/dx at x. */
  double slope(double x) {
    return clamps(x) ? 0 : 1;
  }

  /** Whether the clamp moves x. */
  boolean clamps(double x) {
    return awayFromZero ? x > lo && x < hi : x < lo || x > hi;
  }

  /**
   * Whether the guard changes the value at x materially: the clamp moves it, or x sits on the
   * clamp's edge where only the shift keeps the op finite (sqrt at exactly 0).
   */
  boolean engages(double x) {
    return clamps(x) || (shift != 0 && x == lo);
  }

  /** One pass over the values: how many the guard engages, and whether the clamp is needed at all. */
  Scan scan(double[] values) {
    long engaged = 0;
    boolean clamped = false;
    for (double v : values) {
      if (clamps(v)) {
        clamped = true;
        engaged++;
      } else if (shift != 0 && v == lo) {
        engaged++;
      }
    }
    return new Scan(engaged, clamped);
  }

  /** The image of a range of inputs. */
  Range image(Range r) {
    if (!awayFromZero) {
      return r.clamp(lo, hi).add(Range.point(shift));
    }
    Range negative = r.lo() < 0 ? r.clamp(Double.NEGATIVE_INFINITY, lo) : null;
    Range positive = r.hi() >= 0 ? r.clamp(hi, Double.POSITIVE_INFINITY) : null;
    if (negative == null) {
      return positive;
    }
    return positive == null ? negative : negative.join(positive);
  }
}
