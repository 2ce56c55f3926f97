package io.nanguard.ops;

import java.util.function.DoubleUnaryOperator;

/**
 * An interval of real numbers with open or closed ends: the abstract value of NaNGuard's range
 * analysis, and the domain language of the op catalogue.
 *
 * <p>For a tensor it bounds every element. Open ends matter: {@code sqrt} is safe on (0, inf)
 * but not on [0, inf). Infinite ends are always open. The analysis over-approximates: a range
 * may be wider than the values that really occur, never narrower.
 */
public record Range(double lo, boolean loOpen, double hi, boolean hiOpen) {

  /** Every real number: what the analysis knows of an unannotated parameter. */
  public static final Range TOP = new Range(Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true);
  /** (0, inf): {@code @Positive}. */
  public static final Range POSITIVE = new Range(0, true, Double.POSITIVE_INFINITY, true);
  /** [0, inf): {@code @NonNegative}, squares, norms. */
  public static final Range NON_NEGATIVE = new Range(0, false, Double.POSITIVE_INFINITY, true);
  /** [0, 1]: {@code @UnitInterval}, probabilities. */
  public static final Range UNIT = new Range(0, false, 1, false);

  public Range {
    if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
      throw new IllegalArgumentException("bad range [" + lo + ", " + hi + "]");
    }
    if (lo == Double.NEGATIVE_INFINITY) loOpen = true;
    if (hi == Double.POSITIVE_INFINITY) hiOpen = true;
  }

  /** The closed interval [lo, hi]. */
  public static Range closed(double lo, double hi) {
    return new Range(lo, false, hi, false);
  }

  /** The single point x. */
  public static Range point(double x) {
    return closed(x, x);
  }

  /** Whether x lies in this range. */
  public boolean contains(double x) {
    boolean aboveLo = loOpen ? x > lo : x >= lo;
    boolean belowHi = hiOpen ? x < hi : x <= hi;
    return aboveLo && belowHi;
  }

  /** Whether some element may be at or below x. */
  public boolean reachesAtOrBelow(double x) {
    return lo < x || (lo == x && !loOpen);
  }

  /** Whether some element may be strictly below x. */
  public boolean reachesBelow(double x) {
    return lo < x;
  }

  /** Whether some element may be at or above x. */
  public boolean reachesAtOrAbove(double x) {
    return hi > x || (hi == x && !hiOpen);
  }

  /** Whether some element may be strictly above x. */
  public boolean reachesAbove(double x) {
    return hi > x;
  }

  /** The smallest range holding both. */
  public Range join(Range o) {
    double l = Math.min(lo, o.lo);
    double h = Math.max(hi, o.hi);
    boolean lOpen = (lo == l ? loOpen : true) && (o.lo == l ? o.loOpen : true);
    boolean hOpen = (hi == h ? hiOpen : true) && (o.hi == h ? o.hiOpen : true);
    return new Range(l, lOpen, h, hOpen);
  }

  /** The intersection, or this range unchanged if they do not meet (an unreachable branch). */
  public Range meet(Range o) {
    double l = Math.max(lo, o.lo);
    double h = Math.min(hi, o.hi);
    boolean lOpen = (lo == l && loOpen) || (o.lo == l && o.loOpen);
    boolean hOpen = (hi == h && hiOpen) || (o.hi == h && o.hiOpen);
    if (l > h || (l == h && (lOpen || hOpen))) {
      return this;
    }
    return new Range(l, lOpen, h, hOpen);
  }

  /** Classic interval widening: an end that moved goes to infinity, so loops terminate. */
  public Range widen(Range next) {
    Range j = join(next);
    double l = j.lo < lo ? Double.NEGATIVE_INFINITY : lo;
    double h = j.hi > hi ? Double.POSITIVE_INFINITY : hi;
    return new Range(l, l == lo ? j.loOpen : true, h, h == hi ? j.hiOpen : true);
  }

  public Range neg() {
    return new Range(-hi, hiOpen, -lo, loOpen);
  }

  /**
   * Sum bounds. An open end stays open only if the nearest values inside still add up to more
   * (less) than the bound in floating point: {@code (0, 1) + 1} is {@code [1, 2)}, since
   * {@code 1e-200 + 1 == 1}.
   */
  public Range add(Range o) {
    double l = sum(lo, o.lo, Double.NEGATIVE_INFINITY);
    double h = sum(hi, o.hi, Double.POSITIVE_INFINITY);
    boolean lOpen = (loOpen || o.loOpen)
        && (Double.isInfinite(l) || (loOpen ? Math.nextUp(lo) : lo) + (o.loOpen ? Math.nextUp(o.lo) : o.lo) > l);
    boolean hOpen = (hiOpen || o.hiOpen)
        && (Double.isInfinite(h) || (hiOpen ? Math.nextDown(hi) : hi) + (o.hiOpen ? Math.nextDown(o.hi) : o.hi) < h);
    return new Range(l, lOpen, h, hOpen);
  }

  public Range sub(Range o) {
    return add(o.neg());
  }

  /**
   * Product bounds: the extreme of the four corner products (0 * inf counts as 0). A corner at
   * an open 0 stays open only when the other factor is at least 1 in magnitude: a product of two
   * tiny non-zero doubles underflows to exactly 0 (1e-200 * 1e-200 == 0).
   */
  public Range mul(Range o) {
    double[] c = {prod(lo, o.lo), prod(lo, o.hi), prod(hi, o.lo), prod(hi, o.hi)};
    boolean[] open = {
        cornerOpen(lo, loOpen, o.lo, o.loOpen), cornerOpen(lo, loOpen, o.hi, o.hiOpen),
        cornerOpen(hi, hiOpen, o.lo, o.loOpen), cornerOpen(hi, hiOpen, o.hi, o.hiOpen)};
    return fromCorners(c, open);
  }

  /** Quotient bounds; TOP when the divisor may be 0 (the check reports that separately). */
  public Range div(Range o) {
    if (o.contains(0)) {
      return TOP;
    }
    // 1/x is decreasing on each side of 0; an open end at 0 sends the reciprocal to infinity.
    double invLo = o.hi == 0 ? Double.NEGATIVE_INFINITY : 1 / o.hi;
    double invHi = o.lo == 0 ? Double.POSITIVE_INFINITY : 1 / o.lo;
    return mul(new Range(invLo + 0.0, o.hiOpen, invHi + 0.0, o.loOpen));
  }

  /** The image of x*x (and of |x|^2); rounding and underflow are handled by {@link #mapIncreasing}. */
  public Range square() {
    return abs().mapIncreasing(x -> x * x);
  }

  public Range abs() {
    if (lo >= 0) {
      return this;
    }
    if (hi <= 0) {
      return neg();
    }
    double h = Math.max(-lo, hi);
    boolean hOpen = (-lo == h ? loOpen : true) && (hi == h ? hiOpen : true);
    return new Range(0, false, h, hOpen);
  }

  /**
   * The image under a non-decreasing function. An open end stays open only if the function, as
   * computed in floating point, already moves at the next double inside: rounding and saturation
   * (exp(-746) == 0, tanh(20) == 1, (1e-300)^2 == 0) otherwise reach the end value exactly.
   */
  public Range mapIncreasing(DoubleUnaryOperator f) {
    double l = f.applyAsDouble(lo);
    double h = f.applyAsDouble(hi);
    boolean lOpen = loOpen && f.applyAsDouble(Math.nextUp(lo)) > l;
    boolean hOpen = hiOpen && f.applyAsDouble(Math.nextDown(hi)) < h;
    return mapped(l, lOpen, h, hOpen);
  }

  /** The image under a non-increasing function (open ends as in {@link #mapIncreasing}). */
  public Range mapDecreasing(DoubleUnaryOperator f) {
    double l = f.applyAsDouble(hi);
    double h = f.applyAsDouble(lo);
    boolean lOpen = hiOpen && f.applyAsDouble(Math.nextDown(hi)) > l;
    boolean hOpen = loOpen && f.applyAsDouble(Math.nextUp(lo)) < h;
    return mapped(l, lOpen, h, hOpen);
  }

  /** A mapped range; a range wholly outside the function's domain (NaN or reversed ends) is unknown. */
  private static Range mapped(double l, boolean lOpen, double h, boolean hOpen) {
    double cl = clean(l, true);
    double ch = clean(h, false);
    return cl <= ch ? new Range(cl, lOpen, ch, hOpen) : TOP;
  }

  /** The part of this range within [min, max] (clamp's image); an end moved by clamping is reached. */
  public Range clamp(double min, double max) {
    double l = Math.min(Math.max(lo, min), max);
    double h = Math.max(Math.min(hi, max), min);
    if (l == h) {
      return point(l);
    }
    return new Range(l, l == lo && loOpen, h, h == hi && hiOpen);
  }

  /** Elementwise maximum of two ranges. */
  public Range max(Range o) {
    Range a = lo > o.lo || (lo == o.lo && loOpen) ? this : o;
    Range b = hi > o.hi || (hi == o.hi && !hiOpen) ? this : o;
    return new Range(a.lo, a.loOpen, b.hi, b.hiOpen);
  }

  /** Elementwise minimum of two ranges. */
  public Range min(Range o) {
    return neg().max(o.neg()).neg();
  }

  @Override
  public String toString() {
    return (loOpen ? "(" : "[") + fmt(lo) + ", " + fmt(hi) + (hiOpen ? ")" : "]");
  }

  private static String fmt(double v) {
    if (v == Double.POSITIVE_INFINITY) return "inf";
    if (v == Double.NEGATIVE_INFINITY) return "-inf";
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return Double.toString(v);
  }

  private static double sum(double a, double b, double ifUndefined) {
    double s = a + b;
    return Double.isNaN(s) ? ifUndefined : s;
  }

  /**
   * Whether a product bound is never reached. An open 0 end is reached anyway when a tiny factor
   * times one below 1 underflows to 0, so it stays open only against a factor of magnitude >= 1.
   */
  private static boolean cornerOpen(double a, boolean aOpen, double b, boolean bOpen) {
    if ((a == 0 && !aOpen) || (b == 0 && !bOpen)) {
      return false; // a reachable factor 0 makes the product exactly 0: x * 0 == 0 for finite x
    }
    if (a == 0 && aOpen) {
      return Math.abs(b) >= 1;
    }
    if (b == 0 && bOpen) {
      return Math.abs(a) >= 1;
    }
    return aOpen || bOpen;
  }

  private static double prod(double a, double b) {
    return a == 0 || b == 0 ? 0 : a * b;
  }

  private static double clean(double v, boolean low) {
    if (Double.isNaN(v)) return low ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    return v;
  }

  /**
   * This range with open ends at 0 closed: what a rounded product, quotient or power can reach
   * by underflow, however far from 0 its exact value is.
   */
  public Range closeZeroEnds() {
    return new Range(lo, loOpen && lo != 0, hi, hiOpen && hi != 0);
  }

  private static Range fromCorners(double[] c, boolean[] open) {
    int lo = 0;
    int hi = 0;
    for (int i = 1; i < 4; i++) {
      if (c[i] < c[lo] || (c[i] == c[lo] && !open[i])) lo = i;
      if (c[i] > c[hi] || (c[i] == c[hi] && !open[i])) hi = i;
    }
    return new Range(c[lo], open[lo], c[hi], open[hi]);
  }

  // equals and hashCode are written out, with the record's own semantics (doubles compared as
  // Double.compare does): the generated ones bootstrap java.lang.runtime.ObjectMethods at their
  // first call, which in the processor's javac spins method-handle classes that cost more than
  // the whole analysis of a small project (docs/design.md, "Compile-time cost").

  @Override
  public boolean equals(Object o) {
    return o instanceof Range r && Double.compare(lo, r.lo) == 0 && loOpen == r.loOpen
        && Double.compare(hi, r.hi) == 0 && hiOpen == r.hiOpen;
  }

  @Override
  public int hashCode() {
    return ((Double.hashCode(lo) * 31 + Boolean.hashCode(loOpen)) * 31 + Double.hashCode(hi)) * 31
        + Boolean.hashCode(hiOpen);
  }
}
