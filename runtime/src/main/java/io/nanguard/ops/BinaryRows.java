package io.nanguard.ops;

import java.util.List;
import java.util.Map;

/**
 * The binary rows of the op catalogue, one constant each: the engine, the run-time checker, the
 * compile-time analysis, the rewriter and the guards read them and nothing else. A row exists by
 * being declared here ({@link #rows()} finds the constants by reflection), and every row is a
 * {@code Tensor} method of the same name taking one tensor.
 */
public final class BinaryRows {

  private static final List<String> AB = List.of("a", "b");
  private static final Domain POSITIVE = Domain.interval(Range.POSITIVE);

  /**
   * a / b: safe exactly where 1 / b is ({@link OpCatalog#RECIPROCAL}, the divisor's row, whose
   * guard transform raises |b| to at least eps keeping its sign). Its guard wraps the divisor alone
   * ({@code a / Guard.divisor(b, eps, site)}), so Java's {@code /} and a library's {@code div}
   * stay as written. Partials as PyTorch's {@code div}: 1 / b and -a / b^2.
   */
  public static final BinarySpec DIV = new BinarySpec("div", Hazard.DIV, (a, b) -> a / b,
      (a, b, y) -> 1 / b, (a, b, y) -> -a / (b * b),
      List.of(Domain.ALL, OpCatalog.RECIPROCAL.valueDomain()), BinarySpec.Joint.ANY, Failure.FORWARD, Range::div,
      1, OpCatalog.RECIPROCAL.guarding(), OpCatalog.RECIPROCAL, "divisor", "%s / (%s)", AB, "division by", null,
      null, OpCatalog.RECIPROCAL.advice());

  /**
   * x^p with a tensor (or unknown) exponent. With p a known constant it is the unary row
   * {@link OpCatalog#pow(double)}, whose hazards depend on p; with p known by range, the verdict
   * is {@link #powWithin}; pair by pair the domains (a positive base) are refined by evaluating
   * the row; the guard moves the base to {@code max(x, 0) + eps}. Partials as PyTorch's
   * {@code pow_backward_self} and {@code pow_backward_exponent}: p x^(p-1), 0 where p = 0; and
   * y log x, 0 where x = 0 and p &gt;= 0 (NaN for x &lt; 0, as in PyTorch).
   */
  public static final BinarySpec POW = new BinarySpec("pow", Hazard.POW, Math::pow,
      (x, p, y) -> p == 0 ? 0 : p * Math.pow(x, p - 1), (x, p, y) -> x == 0 && p >= 0 ? 0 : y * Math.log(x),
      List.of(POSITIVE, Domain.ALL), BinarySpec.Joint.ANY, Failure.FORWARD,
      (x, p) -> x.lo() >= 0 ? Range.NON_NEGATIVE : Range.TOP,
      0, OpCatalog.pow(0.5).guarding(), null, null, "pow(%s, %s)", List.of("x", "p"), "pow of", OpCatalog::pow,
      BinaryRows::powWithin, "add eps inside the pow, or write sqrt(x + eps) for p = 0.5");

  /**
   * atan2(a, b), the angle of the point (b, a): forward {@link Math#atan2}, d/da = b / (a^2 + b^2),
   * d/db = -a / (a^2 + b^2). At (0, 0) the value is 0 but both partials are 0 * (1 / 0) = NaN,
   * which is what PyTorch's {@code atan2_backward} computes ({@code grad * other * recip} with
   * {@code recip = (self * self + other * other).reciprocal()}; pytorch/pytorch#165427), so (0, 0)
   * is a gradient singular point: a is constrained to be non-zero unless b is. The guard moves b
   * away from 0 (sign kept) only where a is within eps of 0 too.
   */
  public static final BinarySpec ATAN2 = new BinarySpec("atan2", Hazard.DIV, Math::atan2,
      (a, b, y) -> b * (1 / (a * a + b * b)), (a, b, y) -> -a * (1 / (a * a + b * b)),
      List.of(Domain.NON_ZERO, Domain.NON_ZERO), BinarySpec.Joint.EVERY, Failure.GRADIENT,
      (a, b) -> Range.closed(-Math.PI, Math.PI),
      1, Guarding.awayFromZero(), null, null, "atan2(%s, %s) where |a| < eps", AB, "atan2 of", null, null,
      "keep the point away from the origin (add eps to the second operand, or mask (0, 0) before the op)");

  private static final Map<String, BinarySpec> BY_NAME = OpCatalog.rowsDeclaredIn(BinaryRows.class, BinarySpec.class);

  private BinaryRows() {}

  /**
   * x^p for an exponent known only by its range {@code e}, more precisely than the pow row's
   * domains (a positive base, whatever p) can say: its value is NaN only for a negative base and a
   * fractional p (never when p is whole), and infinite only for a 0 base and p &lt; 0; its
   * derivative p x^(p-1) is infinite at a 0 base only for a fractional p &lt; 1.
   */
  private static BinarySpec.Verdict powWithin(Range b, boolean nonZero, Range e, boolean whole) {
    boolean zero = b.contains(0) && !nonZero;
    Failure failure = null;
    if ((!whole && b.lo() < 0) || (zero && e.lo() < 0)) {
      failure = Failure.FORWARD;
    } else if (zero && e.lo() < 1 && !whole) {
      failure = Failure.GRADIENT;
    }
    // pow(-0.0, p) is -inf for an odd whole p < 0: a base that may be 0 keeps the sign only for p >= 0.
    Range image = b.lo() >= 0 && (!zero || e.lo() >= 0) ? Range.NON_NEGATIVE : Range.TOP;
    return new BinarySpec.Verdict(failure, image);
  }

  /** Every binary row, by name, in declaration order. */
  public static Map<String, BinarySpec> rows() {
    return BY_NAME;
  }
}
