package io.nanguard.guard;

import io.nanguard.ops.Domain;
import io.nanguard.ops.OpSpec;
import io.nanguard.tensor.Tensor;

/**
 * One guarded elementwise op: a catalogue row applied to a {@link SafeInput}, fused into a single
 * autograd node so a guarded op costs what the unguarded one does. Its value is
 * {@code row(t(x))} and its derivative {@code row'(t(x)) * t'(x)}, both read from the catalogue,
 * so the guard cannot disagree with the engine about the op itself.
 *
 * @param row the catalogue row, or null for the divisor guard (the input transform alone)
 * @param input the transform into the row's safe domain
 * @param name the op name the engine and checker see: the row's {@link OpSpec#safeForm()}
 */
record SafeOp(OpSpec row, SafeInput input, String name) {

  static SafeOp of(OpSpec row, SafeInput input) {
    return new SafeOp(row, input, row.safeForm());
  }

  double apply(double x) {
    double t = input.apply(x);
    return row == null ? t : row.apply(t);
  }

  /** Whether the guard changed the result at x: the clamp moved x, or the unguarded op fails there. */
  boolean engagedAt(double x) {
    return input.clamps(x) || (row != null && row.failureAt(x) != null);
  }

  /** The fused op as a catalogue row the tensor engine can apply; safe everywhere, so no hazard. */
  OpSpec spec() {
    return new OpSpec(name, null, this::apply, this::derivative, Domain.ALL, Domain.ALL,
        r -> row == null ? input.image(r) : row.imageOf(input.image(r)), name, "");
  }

  Tensor apply(Tensor x) {
    return x.unary(spec());
  }

  private double derivative(double x, double y) {
    double slope = input.slope(x);
    if (slope == 0) {
      return 0;
    }
    return row == null ? slope : slope * row.derivative(input.apply(x), y);
  }
}
