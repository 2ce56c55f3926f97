package io.nanguard.ops;

/**
 * How an op's backward rule treats the gradient that flows into it, which decides what the
 * run-time checker must scan (a scan costs a pass over the gradient).
 */
public enum Flow {
  /**
   * The output's elements are copies of input elements (reshape, select, transpose, max along a
   * dim): finite when the inputs are; backward copies or scatters the upstream gradient.
   */
  COPIES,
  /** Backward only sums or negates the upstream gradient (add, sub, neg, sum). */
  LINEAR,
  /**
   * Backward's result is finite whenever the op's output and the upstream gradient are, both far
   * smaller than the result, so those are scanned instead (logSumExp, crossEntropy).
   */
  FINITE_IF_OUTPUT_FINITE,
  /** Anything else: every gradient it produces is scanned. */
  GENERAL;

  /** Whether the forward output is as finite as the inputs it copies. */
  public boolean copiesForward() {
    return this == COPIES;
  }

  /** Whether backward cannot create a non-finite gradient from finite upstream gradients. */
  public boolean keepsGradientsFinite() {
    return this == COPIES || this == LINEAR;
  }
}
