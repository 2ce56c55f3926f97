package io.nanguard.ops;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleFunction;

/**
 * One binary row of the op catalogue: y = f(a, b) elementwise, both partial derivatives, a domain
 * per operand, how its range transfers and how it is guarded, in the manner of a two-input entry
 * of PyTorch's {@code derivatives.yaml}. The engine applies it ({@code Tensor.binary}), the
 * run-time checker and the compile-time analysis check it, the guards apply its guard transform,
 * all from this row alone.
 *
 * <p>Whether the op fails is decided from the operands' domains by {@link Joint}: atan2 fails only
 * where both operands are 0 ({@link Joint#EVERY}), a division wherever its divisor is 0
 * ({@link Joint#ANY}, the dividend unconstrained). The domains are sound, not exact (inside them
 * the op and both partials are finite); at a single pair of operands, {@link #failureAt} is
 * exact, as it evaluates the row itself.
 *
 * <p>The guard moves one operand, {@link #guarded()}, by {@link #guarding()}: under
 * {@link Joint#ANY} wherever its transform engages, under {@link Joint#EVERY} only where every
 * operand is inside the transform's band (so atan2 is unchanged away from the origin).
 *
 * @param name the op's name, as the {@code Tensor} method is called
 * @param hazard the hazard family reported for it
 * @param forward y = f(a, b)
 * @param partialA dy/da at (a, b, y), exactly as PyTorch computes it (NaN at a singular point
 *     where PyTorch's formula gives NaN, so the bug is reproduced faithfully)
 * @param partialB dy/db at (a, b, y), likewise
 * @param domains the domain of a and of b
 * @param joint how the operands' domains combine into the op's safe set
 * @param failure the worst that goes wrong outside the safe set
 * @param image how ranges of a and b map to a range of outputs (sound: never too narrow)
 * @param guarded the operand the guard moves (and the analysis reports the range of)
 * @param guarding how the guard moves it, as a function of eps
 * @param operandRow the unary row that alone decides the op's safety on the guarded operand
 *     (a / b is safe exactly where 1 / b is: {@link OpCatalog#RECIPROCAL}), or null when the
 *     operands decide it jointly; the checker then reports that row's singular point
 * @param operandGuard the guard method that guards the operand alone, leaving the op as written
 *     ({@code "divisor"}: {@code a / Guard.divisor(b, eps, site)}), or null when the guard
 *     replaces the whole op and is named after the row ({@code Guard.atan2(a, b, eps, site)})
 * @param written the op written out with {@code %s} for its operands, {@code "%s / (%s)"}
 * @param operandNames the operands' names in {@link #written} and messages ({@code a}, {@code b})
 * @param shownAs how messages name the op applied to the guarded operand ({@code "division by"})
 * @param withConstantB for an op that is a unary row once b is a known constant (x^p: the row
 *     {@link OpCatalog#pow(double)}), that row as a function of b; else null
 * @param rangeRule a sharper verdict for operands known by range than the domains give (x^p by
 *     its exponent's range and wholeness), or null to use {@link #domains} and {@link #image}
 * @param advice the usual fix a user should apply by hand
 */
public record BinarySpec(
    String name,
    Hazard hazard,
    DoubleBinaryOperator forward,
    Partial partialA,
    Partial partialB,
    List<Domain> domains,
    Joint joint,
    Failure failure,
    BinaryOperator<Range> image,
    int guarded,
    Guarding guarding,
    OpSpec operandRow,
    String operandGuard,
    String written,
    List<String> operandNames,
    String shownAs,
    DoubleFunction<OpSpec> withConstantB,
    RangeRule rangeRule,
    String advice) implements EngineOp {

  /** A partial derivative of a binary op, given both operands and the output. */
  @FunctionalInterface
  public interface Partial {
    /** The partial derivative at (a, b), given y = f(a, b). */
    double at(double a, double b, double y);
  }

  /**
   * What operands known by range can give: the worst failure (null if none) and the range of
   * outputs.
   */
  public record Verdict(Failure failure, Range image) {}

  /** A row's own verdict for operands known by range, sharper than its domains. */
  @FunctionalInterface
  public interface RangeRule {
    /** The verdict for a in ra (non-zero if {@code nonZeroA}) and b in rb (a whole number if {@code wholeB}). */
    Verdict within(Range ra, boolean nonZeroA, Range rb, boolean wholeB);
  }

  /** How the operands' domains combine. */
  public enum Joint {
    /** The op fails where any operand leaves its domain (a divisor at 0). */
    ANY,
    /** The op fails only where every operand is outside its domain (atan2 at (0, 0)). */
    EVERY
  }

  public BinarySpec {
    if (domains.size() != 2 || operandNames.size() != 2) {
      throw new IllegalArgumentException(name + ": a binary row needs one domain and one name per operand, got "
          + domains.size() + " and " + operandNames.size());
    }
    if ((hazard == null) != (guarding == null)) {
      throw new IllegalArgumentException(name + ": a row has a guard transform exactly when it has a hazard");
    }
    if (guarded != 0 && guarded != 1) {
      throw new IllegalArgumentException(name + ": the guarded operand must be 0 or 1, got " + guarded);
    }
    domains = List.copyOf(domains);
    operandNames = List.copyOf(operandNames);
  }

  @Override
  public Flow flow() {
    return Flow.GENERAL;
  }

  /** The operand row when one decides the op's safety alone (the divisor's), else null: the check is joint. */
  @Override
  public OpSpec checkedRow() {
    return operandRow;
  }

  @Override
  public int checkedOperand() {
    return operandRow == null ? -1 : guarded;
  }

  @Override
  public String checkedOperandName() {
    return operandGuard != null ? operandGuard : operandNames.get(guarded);
  }

  /** Whether the op can ever fail. */
  public boolean hazardous() {
    return hazard != null;
  }

  /** y = f(a, b). */
  public double apply(double a, double b) {
    return forward.applyAsDouble(a, b);
  }

  /**
   * The failure at one pair of operands, or null where the op and both partials are finite:
   * outside the domains the row itself is evaluated, so the answer is exact.
   */
  public Failure failureAt(double a, double b) {
    return failureAt(a, b, true, true);
  }

  /**
   * As {@link #failureAt(double, double)}, counting a non-finite partial only for an operand a
   * gradient flows to ({@code gradA}, {@code gradB}): x^p's partial in p is NaN at x &lt; 0, which
   * matters only if p requires a gradient.
   */
  public Failure failureAt(double a, double b, boolean gradA, boolean gradB) {
    if (!outside(!domains.get(0).contains(a), !domains.get(1).contains(b))) {
      return null;
    }
    double y = apply(a, b);
    if (!Double.isFinite(y)) {
      return Failure.FORWARD;
    }
    boolean badA = gradA && !Double.isFinite(partialA.at(a, b, y));
    boolean badB = gradB && !Double.isFinite(partialB.at(a, b, y));
    return badA || badB ? Failure.GRADIENT : null;
  }

  /** The worst failure possible for operands in ra and rb, or null if every pair is safe. */
  public Failure failureWithin(Range ra, Range rb) {
    return failureWithin(ra, false, rb, false);
  }

  /**
   * The worst failure possible for operands in ra and rb, where {@code nonZeroA}/{@code nonZeroB}
   * say an operand is known not to be 0 ({@code @NonZero}, a sign-kept guard): then a domain that
   * excludes only 0 holds whatever the range.
   */
  public Failure failureWithin(Range ra, boolean nonZeroA, Range rb, boolean nonZeroB) {
    boolean outA = !covered(domains.get(0), ra, nonZeroA);
    boolean outB = !covered(domains.get(1), rb, nonZeroB);
    return outside(outA, outB) ? failure : null;
  }

  /**
   * The verdict for operands in ra and rb, {@code nonZero*} saying an operand is known not to be
   * 0 and {@code wholeB} that b is a whole number ({@code Math.pow(x, n)} for an int n): the row's
   * own {@link #rangeRule} when it has one, else its domains and image.
   */
  public Verdict verdictWithin(Range ra, boolean nonZeroA, Range rb, boolean nonZeroB, boolean wholeB) {
    if (rangeRule != null) {
      return rangeRule.within(ra, nonZeroA, rb, wholeB);
    }
    return new Verdict(hazardous() ? failureWithin(ra, nonZeroA, rb, nonZeroB) : null, imageOf(ra, rb));
  }

  /** The range of outputs for operands in ra and rb. */
  public Range imageOf(Range ra, Range rb) {
    return image.apply(ra, rb);
  }

  /** The op with b fixed to the constant c, as a unary row, or null if b does not reduce it to one. */
  public OpSpec withConstantB(double c) {
    return withConstantB == null ? null : withConstantB.apply(c);
  }

  /** The epsilon-safe form, as diagnostics show it: {@code a / (b with |b| raised to at least eps, sign kept)}. */
  public String safeForm(FloatFormat format) {
    Object[] shown = operandNames.toArray();
    if (guarding != null) {
      shown[guarded] = guarding.form(operandNames.get(guarded), format);
    }
    return String.format(written, shown);
  }

  private boolean outside(boolean outA, boolean outB) {
    return joint == Joint.EVERY ? outA && outB : outA || outB;
  }

  private static boolean covered(Domain d, Range r, boolean nonZero) {
    return d.covers(r) || (nonZero && d == Domain.NON_ZERO);
  }
}
