package io.nanguard.ops;

/**
 * The limits of one binary floating-point format, as the analysis and the guards need them: where
 * {@code exp} overflows, the smallest eps that {@code 1 + eps} and {@code 1 - eps} keep (an eps
 * below it makes a clamp to {@code 1 - eps} a no-op: in float32 {@code 1 - 1e-8 == 1}), and the
 * smallest normal number (below it precision drains away and products underflow to 0).
 *
 * <p>Each format is its precision (significand bits, the implicit one included) and its largest
 * exponent; every limit is derived from those two numbers, so the table cannot disagree with
 * itself. float64 is Java's {@code double} and {@code io.nanguard.tensor.Tensor}; float32 is
 * Java's {@code float}; float16 and bfloat16 are the half formats of accelerator libraries.
 */
public enum FloatFormat {
  /** IEEE 754 binary64: Java's double. */
  FLOAT64(53, 1023),
  /** IEEE 754 binary32: Java's float. */
  FLOAT32(24, 127),
  /** IEEE 754 binary16. */
  FLOAT16(11, 15),
  /** bfloat16: float32's exponent range with an 8-bit significand. */
  BFLOAT16(8, 127);

  private final int precision;
  private final int maxExponent;

  FloatFormat(int precision, int maxExponent) {
    this.precision = precision;
    this.maxExponent = maxExponent;
  }

  /** Significand bits, the implicit leading one included (53 for float64). */
  public int precision() {
    return precision;
  }

  /** The largest finite value: (2 - 2^(1 - precision)) * 2^maxExponent. */
  public double maxValue() {
    return (2 - Math.scalb(1.0, 1 - precision)) * Math.scalb(1.0, maxExponent);
  }

  /** The smallest positive normal value, 2^(1 - maxExponent). */
  public double minNormal() {
    return Math.scalb(1.0, 1 - maxExponent);
  }

  /**
   * Machine epsilon, 2^(1 - precision): the gap between 1 and the next value above, and the
   * smallest power of two that survives both {@code 1 + eps} and {@code 1 - eps} (half of it is
   * a tie that rounds back to 1 when added).
   */
  public double epsilon() {
    return Math.scalb(1.0, 1 - precision);
  }

  /** exp(x) is +inf in this format for x above this: ln of {@link #maxValue()}. */
  public double expOverflow() {
    return Math.log(maxValue());
  }

  /** The value x rounded to this format (to the nearest, ties to even; overflow to infinity). */
  public double round(double x) {
    if (this == FLOAT64) {
      return x;
    }
    if (this == FLOAT32) {
      return (float) x;
    }
    if (x == 0 || Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    int exponent = Math.max(Math.getExponent(x), 2 - maxExponent);
    double ulp = Math.scalb(1.0, exponent - (precision - 1));
    double r = Math.rint(x / ulp) * ulp;
    return Math.abs(r) > maxValue() ? Math.copySign(Double.POSITIVE_INFINITY, x) : r;
  }

  /**
   * The range of the values of r rounded to this format: each end rounded (rounding is
   * monotone, so every rounded value lies between them), an end kept open only where rounding
   * left it unchanged. How a float64 constant such as {@code 1 - 1e-9} looks once a float32
   * library has it (the point 1).
   */
  public Range round(Range r) {
    if (this == FLOAT64) {
      return r;
    }
    double lo = round(r.lo());
    double hi = round(r.hi());
    return new Range(lo, r.loOpen() && lo == r.lo(), hi, r.hiOpen() && hi == r.hi());
  }
}
