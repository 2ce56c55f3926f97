package io.nanguard.tensor;

/**
 * exp for whole arrays, split in two so that JDK 17's C2 auto-vectoriser takes the expensive
 * half: the softmax family spends most of its time in exp, and {@code Math.exp} is a scalar call.
 *
 * <p>exp(x) = 2^k * e^r with k = rint(x / ln 2) and r = x - k ln 2 (Cody-Waite: ln 2 in two parts,
 * so r is exact to about 2^-60), |r| &lt;= ln 2 / 2. {@link #reduced} computes e^r for every
 * element with plain double arithmetic, which C2 turns into AVX code; {@link #scale} builds 2^k
 * from the exponent bits, which C2 in JDK 17 does not vectorise (it has no vector form of
 * {@code doubleToRawLongBits}), so callers apply it in a scalar pass they need anyway (to sum).
 * The product is within 1 ulp of {@code Math.exp} (ExpTest; the Taylor remainder of degree 13
 * at |r| = ln 2 / 2 is below 2^-57, so the error is the rounding of the polynomial).
 *
 * <p>The fast form holds only inside {@link #LO}..{@link #HI}, where 2^k and the result are
 * normal doubles; {@link #reduced} gives NaN outside it (and for NaN or infinite x), so a sum
 * over a row reveals that the row needs the exact path, without a test per element.
 */
final class Exp {

  /** Smallest x of the fast form: exp(-708) = 3.3e-308 is still normal (so is 2^k, k = -1021). */
  static final double LO = -708;
  /** Largest x of the fast form: exp(709) = 8.2e307 is finite (k = 1023). */
  static final double HI = 709;

  private static final double LOG2E = 1.4426950408889634;
  // ln 2 in two parts; the high part has enough trailing zero bits that k * LN2_HI is exact.
  private static final double LN2_HI = 6.93147180369123816490e-01;
  private static final double LN2_LO = 1.90821492927058770002e-10;
  // Adding 1.5 * 2^52 rounds to an integer (ulp 1 there) that sits in the low mantissa bits.
  private static final double SHIFT = 0x1.8p52;
  // (x - MID)^2 * OVERFLOW is infinite, and so inf - inf = NaN, once |x - MID| exceeds the
  // window's half width; the boundary is fuzzy by an ulp, far inside the true limits of the
  // fast form (-708.39 and 709.43).
  private static final double MID = (LO + HI) / 2;
  private static final double OVERFLOW = Double.MAX_VALUE / ((HI - MID) * (HI - MID));

  private Exp() {}

  /**
   * out[i] = e^r for x[i] = k ln 2 + r (see the class comment), or NaN where x[i] is outside
   * [{@link #LO}, {@link #HI}]. One loop over the whole array, vectorised by C2.
   */
  static void reduced(double[] x, double[] out) {
    for (int i = 0; i < x.length; i++) {
      double v = x[i];
      double kd = (v * LOG2E + SHIFT) - SHIFT;
      double r = v - kd * LN2_HI - kd * LN2_LO;
      double window = (v - MID) * (v - MID) * OVERFLOW;
      out[i] = taylor(r) + (window - window);
    }
  }

  /** 2^k for x = k ln 2 + r, the factor {@link #reduced} left out; exact for x in [LO, HI]. */
  static double scale(double x) {
    long k = Double.doubleToRawLongBits(x * LOG2E + SHIFT);
    // The low bits of k hold the integer k (two's complement); shifting drops the rest.
    return Double.longBitsToDouble((k + 1023) << 52);
  }

  /**
   * e^r for |r| &lt;= ln 2 / 2: Taylor to degree 13, its even and odd halves in r^2 evaluated side
   * by side (two short dependency chains instead of one of 13 steps: about 20% faster here, with
   * the same 1 ulp).
   */
  private static double taylor(double r) {
    double r2 = r * r;
    double even = 1.0 / 2 + r2 * (1.0 / 24 + r2 * (1.0 / 720 + r2 * (1.0 / 40320 + r2 * (1.0 / 3628800
        + r2 * (1.0 / 479001600)))));
    double odd = 1.0 / 6 + r2 * (1.0 / 120 + r2 * (1.0 / 5040 + r2 * (1.0 / 362880 + r2 * (1.0 / 39916800
        + r2 * (1.0 / 6227020800.0)))));
    return 1 + (r + r2 * (even + r * odd));
  }
}
