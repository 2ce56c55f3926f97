package io.nanguard.ops;

/**
 * An op as the autograd engine records it and the run-time checker reads it: its name, how its
 * backward treats gradients ({@link Flow}), and which of its inputs a catalogue row's domain
 * constrains. Elementwise ops are their catalogue rows ({@link OpSpec}); every other op the engine
 * records is a constant of {@link TensorOps}. Nothing downstream compares op names.
 */
public interface EngineOp {

  /** The op's name as reports print it ({@code "sqrt"}, {@code "div"}, {@code "sum"}). */
  String name();

  /** How backward treats gradients. */
  Flow flow();

  /** The row whose domain constrains input {@link #checkedOperand()}, or null if none does. */
  OpSpec checkedRow();

  /** The index of the input {@link #checkedRow()} constrains (0 for sqrt's input, 1 for a divisor), or -1. */
  int checkedOperand();

  /** What reports call the checked input ({@code "input"}; a division's {@code "divisor"}). */
  default String checkedOperandName() {
    return "input";
  }
}
