package io.nanguard.guard;

import io.nanguard.ops.BinarySpec;
import io.nanguard.ops.Domain;
import io.nanguard.ops.FloatFormat;
import io.nanguard.ops.Flow;
import io.nanguard.ops.OpSpec;
import io.nanguard.tensor.Tensor;

/**
 * One guarded elementwise op: a catalogue row applied to a {@link SafeInput}. Its value is
 * {@code row(t(x))} and its derivative {@code row'(t(x)) * t'(x)}, both read from the catalogue,
 * so the guard cannot disagree with the engine about the op itself.
 *
 * <p>On tensors it is computed in the cheapest exact way: where the clamp is inactive everywhere
 * (the usual case) t(x) is {@code x + shift}, so it is the engine's own op on {@code x + shift}
 * (one specialised kernel, plus an add for sqrt-like guards); only when some element must be
 * clamped does it run as one fused node through the row's functions. Both give the same values
 * and gradients.
 *
 * @param row the catalogue row, or null for an operand guard (a divisor: the input transform alone)
 * @param input the transform into the row's safe domain
 * @param name the fused op's name as the engine and checker see it: the row's
 *     {@link OpSpec#safeForm()}
 */
record SafeOp(OpSpec row, SafeInput input, String name) {

  static SafeOp of(OpSpec row, SafeInput input) {
    return new SafeOp(row, input, row.safeForm());
  }

  /** A row guarded by its own transform at this eps (unchanged if it is safe everywhere). */
  static SafeOp of(OpSpec row, double eps) {
    return of(row, SafeInput.of(row.guarding(), eps));
  }

  /**
   * The guard of a binary row's guarded operand alone, the op itself left to the caller (a
   * divisor: {@code a / Guard.divisor(b, ...)}): the row's input transform without the row.
   */
  static SafeOp operand(BinarySpec row, double eps) {
    String operand = row.operandNames().get(row.guarded());
    return new SafeOp(null, SafeInput.of(row.guarding(), eps),
        row.operandGuard() + " (" + row.guarding().form(operand, FloatFormat.FLOAT64) + ")");
  }

  double apply(double x) {
    double t = input.apply(x);
    return row == null ? t : row.apply(t);
  }

  /** The op on a tensor, given whether its clamp is active anywhere ({@link SafeInput#scan}). */
  Tensor apply(Tensor x, boolean clamped) {
    if (clamped) {
      return x.unary(fused());
    }
    Tensor shifted = input.shift() == 0 ? x : x.add(input.shift());
    return row == null ? shifted : shifted.unary(row);
  }

  /** The fused op as a catalogue row the tensor engine can apply; safe everywhere, so no hazard. */
  private OpSpec fused() {
    return new OpSpec(name, null, Flow.GENERAL, this::apply, this::derivative, Domain.ALL, Domain.ALL,
        r -> row == null ? input.image(r) : row.imageOf(input.image(r)), false, null, "", "");
  }

  private double derivative(double x, double y) {
    double slope = input.slope(x);
    if (slope == 0) {
      return 0;
    }
    return row == null ? slope : slope * row.derivative(input.apply(x), y);
  }
}
