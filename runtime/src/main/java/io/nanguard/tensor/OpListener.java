package io.nanguard.tensor;

import io.nanguard.ops.EngineOp;

/**
 * Sees every op of the current thread while installed with {@link OpListeners#install}: how the
 * anomaly checker in {@code io.nanguard.check} watches the graph without the engine knowing it.
 */
public interface OpListener {

  /**
   * After an op's forward computation.
   *
   * @param output the result
   * @param op the op: its name, backward flow, and which input ({@link EngineOp#checkedOperand()})
   *     the domain of {@link EngineOp#checkedRow()} constrains (the input of sqrt, the divisor of a
   *     division)
   * @param inputs the op's tensor inputs
   */
  void onForward(Tensor output, EngineOp op, Tensor[] inputs);

  /**
   * After an op's backward rule produced the gradient for one of its inputs.
   *
   * @param output the op's output (identifies the forward application)
   * @param op the op
   * @param inputIndex which input
   * @param input that input
   * @param gradOutput the gradient that flowed into the op
   * @param gradInput the gradient it produced for the input (same shape as the input)
   */
  void onBackward(Tensor output, EngineOp op, int inputIndex, Tensor input, double[] gradOutput, double[] gradInput);
}
