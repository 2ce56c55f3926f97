package io.nanguard.guard;

import io.nanguard.ops.BinarySpec;
import io.nanguard.ops.Domain;
import io.nanguard.ops.FloatFormat;
import java.util.List;

/**
 * One guarded binary op: a binary catalogue row applied after its guarded operand is moved by a
 * {@link SafeInput}. Value and partials are read from the row at the moved operands, times the
 * transform's slope for the moved operand (0 where it clamped), so the guard cannot disagree
 * with the engine about the op. The engine runs it as one fused binary row, with broadcasting.
 *
 * <p>Under {@link BinarySpec.Joint#ANY} the operand is moved wherever the transform engages; under
 * {@link BinarySpec.Joint#EVERY} (a row that fails only where every operand is singular, atan2 at
 * (0, 0)) only where both operands are inside the transform's band, so the result equals the
 * row's everywhere else.
 */
final class SafeBinaryOp {

  private final BinarySpec row;
  private final SafeInput input;
  private final boolean joint;
  private final BinarySpec fused;
  /** Elements moved by the forward pass; backward recomputes values, so it counts only until read. */
  private long engaged;
  private boolean counting = true;

  SafeBinaryOp(BinarySpec row, SafeInput input) {
    this.row = row;
    this.input = input;
    this.joint = row.joint() == BinarySpec.Joint.EVERY;
    String name = row.safeForm(FloatFormat.FLOAT64);
    this.fused = new BinarySpec(name, null, this::forward, this::partialA, this::partialB,
        List.of(Domain.ALL, Domain.ALL), BinarySpec.Joint.ANY, null, row.image(), row.guarded(), null, null, null,
        "%s, %s", row.operandNames(), name, null, null, "");
  }

  /** The guarded op as a row the engine applies; safe everywhere, so it has no hazard. */
  BinarySpec fused() {
    return fused;
  }

  /** How many elements the forward pass moved; stops the count (backward recomputes values). */
  long engaged() {
    counting = false;
    return engaged;
  }

  private boolean moves(double a, double b) {
    return joint ? input.clamps(a) && input.clamps(b) : input.engages(row.guarded() == 0 ? a : b);
  }

  private double moved(double a, double b, int operand) {
    double x = operand == 0 ? a : b;
    if (operand != row.guarded() || (joint && !moves(a, b))) {
      return x;
    }
    return input.apply(x);
  }

  private double slope(double a, double b) {
    double x = row.guarded() == 0 ? a : b;
    return joint && !moves(a, b) ? 1 : input.slope(x);
  }

  private double forward(double a, double b) {
    if (counting && moves(a, b)) {
      engaged++;
    }
    return row.apply(moved(a, b, 0), moved(a, b, 1));
  }

  private double partialA(double a, double b, double y) {
    return partial(0, a, b, y);
  }

  private double partialB(double a, double b, double y) {
    return partial(1, a, b, y);
  }

  private double partial(int operand, double a, double b, double y) {
    double slope = operand == row.guarded() ? slope(a, b) : 1;
    if (slope == 0) {
      return 0; // clamped: 0, not 0 times the row's possibly infinite partial
    }
    double ma = moved(a, b, 0);
    double mb = moved(a, b, 1);
    return slope * (operand == 0 ? row.partialA() : row.partialB()).at(ma, mb, y);
  }
}
