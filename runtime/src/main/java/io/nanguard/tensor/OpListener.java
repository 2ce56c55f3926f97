package io.nanguard.tensor;

import io.nanguard.ops.OpSpec;

/**
 * Sees every op of the current thread while installed with {@link OpListeners#install}: how the
 * anomaly checker in {@code io.nanguard.check} watches the graph without the engine knowing it.
 */
public interface OpListener {

  /**
   * After an op's forward computation.
   *
   * @param output the result
   * @param op the op's name ({@code "sqrt"}, {@code "div"}, {@code "sum"}, ...)
   * @param spec the catalogue row whose domain applies to {@code hazardInput}, or null
   * @param hazardInput the tensor whose elements {@code spec}'s domain constrains (the input of a
   *     unary op, the divisor of a division), or null
   * @param inputs the op's tensor inputs
   */
  void onForward(Tensor output, String op, OpSpec spec, Tensor hazardInput, Tensor[] inputs);

  /**
   * After an op's backward rule produced the gradient for one of its inputs.
   *
   * @param output the op's output (identifies the forward application)
   * @param op the op's name
   * @param inputIndex which input
   * @param input that input
   * @param gradOutput the gradient that flowed into the op
   * @param gradInput the gradient it produced for the input (same shape as the input)
   */
  void onBackward(Tensor output, String op, int inputIndex, Tensor input, double[] gradOutput, double[] gradInput);
}
