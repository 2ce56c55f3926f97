package io.nanguard.ops;

/**
 * How an op's input is moved into its safe domain before the op is applied, as a function of
 * eps: the guard transform of one catalogue row. The guards ({@code io.nanguard.guard.Guard})
 * apply it, the diagnostics print it ({@link #form}), and a test walks every hazardous row to
 * prove that the guarded value and gradient are finite at each singular point.
 *
 * <p>Bounds are affine in eps ({@code base + epsCoefficient * eps}), so the same row serves any
 * eps the user chooses. Four shapes cover every row:
 *
 * <ul>
 *   <li>{@link Shape#CLAMP_BELOW}: {@code max(x, lo) + shift} (sqrt: {@code max(x, 0) + eps};
 *       log: {@code max(x, eps)});
 *   <li>{@link Shape#CLAMP_INTO}: {@code clamp(x, lo, hi)} (acos: {@code [-1 + eps, 1 - eps]});
 *   <li>{@link Shape#AWAY_FROM_ZERO}: |x| raised to at least eps, sign kept, 0 counted as
 *       positive (a divisor);
 *   <li>{@link Shape#CLAMP_EXPONENT}: {@code min(x, hi)} with hi the largest whole number below
 *       the format's exp overflow (709 in float64, 88 in float32), eps not used.
 * </ul>
 *
 * <p>Where the clamp is active the gradient is 0, as for {@code clamp}; elsewhere it is the op's
 * own derivative at the moved input.
 *
 * @param shape which of the four shapes
 * @param lo the lower bound's base (CLAMP_BELOW, CLAMP_INTO)
 * @param loEps the lower bound's eps coefficient
 * @param hi the upper bound's base (CLAMP_INTO)
 * @param hiEps the upper bound's eps coefficient
 * @param shiftEps the eps coefficient of the shift added after the clamp (CLAMP_BELOW)
 */
public record Guarding(Shape shape, double lo, double loEps, double hi, double hiEps, double shiftEps) {

  /** The four transforms. */
  public enum Shape {
    /** {@code max(x, lo) + shift}. */
    CLAMP_BELOW,
    /** {@code clamp(x, lo, hi)}. */
    CLAMP_INTO,
    /** |x| raised to at least eps, sign kept. */
    AWAY_FROM_ZERO,
    /** {@code min(x, floor(expOverflow))}. */
    CLAMP_EXPONENT
  }

  /**
   * Whether the clamp never moves an input known to lie in {@code range}: a {@code max(x, lo)}
   * whose bound does not depend on eps, below every value of the range (sqrt of a sum of squares:
   * {@code max(x, 0) + eps == x + eps} for every x &gt;= 0). A guard may then skip the clamp.
   */
  public boolean clampIdleOn(Range range) {
    return shape == Shape.CLAMP_BELOW && loEps == 0 && range.lo() >= lo;
  }

  /** {@code max(x, lo + loEps * eps) + shiftEps * eps}. */
  public static Guarding clampBelow(double lo, double loEps, double shiftEps) {
    return new Guarding(Shape.CLAMP_BELOW, lo, loEps, Double.POSITIVE_INFINITY, 0, shiftEps);
  }

  /** {@code clamp(x, lo + loEps * eps, hi + hiEps * eps)}. */
  public static Guarding clampInto(double lo, double loEps, double hi, double hiEps) {
    return new Guarding(Shape.CLAMP_INTO, lo, loEps, hi, hiEps, 0);
  }

  /** x with |x| raised to at least eps, sign kept, 0 counted as positive. */
  public static Guarding awayFromZero() {
    return new Guarding(Shape.AWAY_FROM_ZERO, 0, -1, 0, 1, 0);
  }

  /** {@code min(x, floor(expOverflow))} in the format computed in. */
  public static Guarding clampExponent() {
    return new Guarding(Shape.CLAMP_EXPONENT, Double.NEGATIVE_INFINITY, 0, Double.NaN, 0, 0);
  }

  /** The lower clamp bound for this eps (-eps for AWAY_FROM_ZERO). */
  public double lo(double eps) {
    return bound(lo, loEps, eps);
  }

  /** The upper clamp bound for this eps in {@code format} (eps for AWAY_FROM_ZERO). */
  public double hi(double eps, FloatFormat format) {
    return shape == Shape.CLAMP_EXPONENT ? Math.floor(format.expOverflow()) : bound(hi, hiEps, eps);
  }

  /** The shift added after the clamp. */
  public double shift(double eps) {
    return shiftEps * eps;
  }

  /** The input transform written out for messages, e.g. {@code max(x, 0) + eps}. */
  public String form(String x, FloatFormat format) {
    return switch (shape) {
      case CLAMP_BELOW -> "max(" + x + ", " + affine(lo, loEps) + ")" + (shiftEps == 0 ? "" : " + " + affine(0, shiftEps));
      case CLAMP_INTO -> "clamp(" + x + ", " + affine(lo, loEps) + ", " + affine(hi, hiEps) + ")";
      case AWAY_FROM_ZERO -> x + " with |" + x + "| raised to at least eps, sign kept";
      case CLAMP_EXPONENT -> "min(" + x + ", " + (long) hi(0, format) + ")";
    };
  }

  private static double bound(double base, double coefficient, double eps) {
    return coefficient == 0 ? base : base + coefficient * eps;
  }

  /** {@code base + c * eps} as text: "0", "eps", "-1 + eps", "1 - eps". */
  private static String affine(double base, double coefficient) {
    String epsTerm = coefficient == 1 ? "eps" : coefficient == -1 ? "-eps" : coefficient + " * eps";
    if (coefficient == 0) {
      return number(base);
    }
    if (base == 0) {
      return epsTerm;
    }
    return number(base) + (coefficient > 0 ? " + " : " - ") + epsTerm.replace("-", "");
  }

  private static String number(double v) {
    return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
