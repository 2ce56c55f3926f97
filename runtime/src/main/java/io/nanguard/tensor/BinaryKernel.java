package io.nanguard.tensor;

/**
 * Forward and backward of a broadcasting binary op over one run of a {@link Broadcast} plan: n
 * elements of the output from {@code yo}, operand a read from {@code ao} with stride {@code as}
 * (0 or 1), b likewise. Backward accumulates into the operand-shaped gradient ({@code +=}), which
 * sums over broadcast dims for free; a null gradient array means that operand needs none.
 */
interface BinaryKernel {

  /** y[yo .. yo+n) = op(a, b) along one run. */
  void forward(double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int n);

  /** Adds the gradients of one run, given g[go .. go+n), into ga and gb (either may be null). */
  void backward(double[] g, int go, double[] a, int ao, int as, double[] b, int bo, int bs, double[] ga,
      double[] gb, int n);

  /**
   * The whole gradient of an operand that was not broadcast, when the op passes the output
   * gradient through unchanged or negated; null when it must be computed by {@link #backward}.
   */
  default double[] unbroadcast(double[] g, int operand, int operandLength) {
    return null;
  }
}
