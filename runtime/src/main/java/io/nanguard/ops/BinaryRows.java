package io.nanguard.ops;

import java.util.List;

/**
 * The binary rows of the op catalogue. atan2 is the proof that a two-input op is one row: its
 * forward, both partials and its singular point live here, and {@code Tensor.atan2} applies
 * the row.
 */
public final class BinaryRows {

  /**
   * atan2(a, b), the angle of the point (b, a): forward {@link Math#atan2}, d/da = b / (a^2 + b^2),
   * d/db = -a / (a^2 + b^2). At (0, 0) the value is 0 but both partials are 0 * (1 / 0) = NaN,
   * which is what PyTorch's {@code atan2_backward} computes ({@code grad * other * recip} with
   * {@code recip = (self * self + other * other).reciprocal()}; pytorch/pytorch#165427), so (0, 0)
   * is a gradient singular point: a is constrained to be non-zero unless b is.
   */
  public static final BinarySpec ATAN2 = new BinarySpec("atan2", Hazard.DIV, Math::atan2,
      (a, b, y) -> b * (1 / (a * a + b * b)), (a, b, y) -> -a * (1 / (a * a + b * b)),
      List.of(Domain.NON_ZERO, Domain.NON_ZERO), BinarySpec.Joint.EVERY, Failure.GRADIENT,
      "keep the point away from the origin (add eps to the second operand, or mask (0, 0) before the op)");

  private BinaryRows() {}
}
