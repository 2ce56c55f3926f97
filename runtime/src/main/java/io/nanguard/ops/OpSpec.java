package io.nanguard.ops;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * One row of the op catalogue: everything NaNGuard knows about one elementwise op, and the op as
 * the engine records it ({@link EngineOp}).
 *
 * @param name the op's name, as the {@code Tensor} method and (where one exists) {@code Math}
 *     method are called
 * @param hazard the hazard family reported for it, or null for an op that is safe everywhere
 * @param flow how its backward treats gradients
 * @param forward y = f(x)
 * @param derivative dy/dx given (x, y); may be infinite or NaN at singular points, exactly as
 *     PyTorch computes it, so the bug NaNGuard exists to catch is reproduced faithfully
 * @param valueDomain where f(x) is finite
 * @param gradientDomain where f(x) and f'(x) are both finite
 * @param image how a range of inputs maps to a range of outputs (sound: never too narrow)
 * @param keepsNonZero whether f(x) != 0 for every x != 0, in floating point too (no underflow to
 *     0): a non-zero input ({@code @NonZero}, a sign-kept guard) then gives a non-zero output, so a
 *     divisor built from it stays proven ({@code -x}, {@code |x|}, not {@code x * x})
 * @param guarding how the guard moves the input into the safe domain; null exactly for an op
 *     that is safe everywhere
 * @param shownArgs the op's further arguments as messages show them ({@code ", p"} for pow), or ""
 * @param advice the usual fix a user should apply by hand
 */
public record OpSpec(
    String name,
    Hazard hazard,
    Flow flow,
    DoubleUnaryOperator forward,
    DoubleBinaryOperator derivative,
    Domain valueDomain,
    Domain gradientDomain,
    UnaryOperator<Range> image,
    boolean keepsNonZero,
    Guarding guarding,
    String shownArgs,
    String advice) implements EngineOp {

  public OpSpec {
    if ((hazard == null) != (guarding == null)) {
      throw new IllegalArgumentException(name + ": a row has a guard transform exactly when it has a hazard");
    }
  }

  /** The epsilon-safe form, as diagnostics show it, generated from {@link #guarding()}: {@code sqrt(max(x, 0) + eps)}. */
  public String safeForm() {
    return safeForm(FloatFormat.FLOAT64);
  }

  /** The epsilon-safe form when the op computes in {@code format} (exp clamps at 88 in float32). */
  public String safeForm(FloatFormat format) {
    return name + "(" + (guarding == null ? "x" : guarding.form("x", format)) + shownArgs + ")";
  }

  @Override
  public OpSpec checkedRow() {
    return hazard == null ? null : this;
  }

  @Override
  public int checkedOperand() {
    return hazard == null ? -1 : 0;
  }

  /** y = f(x). */
  public double apply(double x) {
    return forward.applyAsDouble(x);
  }

  /** dy/dx at x, given y = f(x). */
  public double derivative(double x, double y) {
    return derivative.applyAsDouble(x, y);
  }

  /** The failure at one concrete input, or null where the op is well behaved. */
  public Failure failureAt(double x) {
    if (!valueDomain.contains(x)) {
      return Failure.FORWARD;
    }
    return gradientDomain.contains(x) ? null : Failure.GRADIENT;
  }

  /** The worst failure possible for inputs in r, or null if the whole range is safe. */
  public Failure failureWithin(Range r) {
    if (!valueDomain.covers(r)) {
      return Failure.FORWARD;
    }
    return gradientDomain.covers(r) ? null : Failure.GRADIENT;
  }

  /**
   * The worst failure possible for inputs in r when the op computes in {@code format}: as
   * {@link #failureWithin(Range)}, and an exp-like op (hazard {@link Hazard#EXP}) also fails
   * above the format's overflow point (88.72 in float32, where the catalogue's domain is
   * float64's 709.78).
   */
  public Failure failureWithin(Range r, FloatFormat format) {
    if (hazard == Hazard.EXP && r.hi() > format.expOverflow()) {
      return Failure.FORWARD;
    }
    return failureWithin(r);
  }

  /** The range of outputs for inputs in r. */
  public Range imageOf(Range r) {
    return image.apply(r);
  }

  /**
   * Whether 0 is the only point where this op fails (1/x, x^-2): then an input known to be
   * non-zero ({@code @NonZero}, a sign-kept guard) is safe whatever its range.
   */
  public boolean singularOnlyAtZero() {
    return valueDomain == Domain.NON_ZERO && gradientDomain == Domain.NON_ZERO;
  }

  /** Whether this op can ever fail. */
  public boolean hazardous() {
    return hazard != null;
  }
}
