package io.nanguard.tensor;

/**
 * The exponentials of a tensor along one dim, with each line's sum and log-sum-exp: the forward
 * work shared by logSumExp, softmax, logSoftmax and crossEntropy, kept for their backward rules
 * so no exp is computed twice.
 *
 * <p>A line is the n elements at fixed indices of the other dims, {@code inner} apart; line
 * {@code o * inner + i} starts at {@code o * n * inner + i}.
 *
 * <p>Fast path: {@code e = exp(x)} without subtracting the line's max, through {@link Exp}'s
 * vectorised pass over the whole tensor, since the max shift only guards against overflow and
 * underflow: while every x of a line lies in [{@link Exp#LO}, {@link Exp#HI}], every e is a
 * normal double (full relative precision) and, if the sum is finite, lse = log(sum) and
 * softmax = e / sum are as accurate as the shifted forms. A line with an element outside that
 * window (or NaN, or an overflowing sum) shows up as a NaN or infinite sum and is recomputed
 * the classic way, exp(x - max) with {@code Math.exp}, which gives lines holding NaN or
 * infinities the same results as before the fast path existed.
 */
final class SoftmaxRows {

  final int outer;
  final int n;
  final int inner;
  /** exp(x - shift) in x's layout, where shift is 0 on the fast path and the line's max otherwise. */
  final double[] e;
  /** Per line: 1 / sum(e). */
  final double[] inv;
  /** Per line: log(sum(exp(x))). */
  final double[] lse;

  SoftmaxRows(double[] x, int[] shape, int d) {
    outer = Shapes.outer(shape, d);
    n = shape[d];
    inner = Shapes.inner(shape, d);
    e = new double[x.length];
    inv = new double[outer * inner];
    lse = new double[outer * inner];
    Exp.reduced(x, e);
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int line = o * inner + i;
        int base = o * n * inner + i;
        int end = base + n * inner;
        double s = scaleAndSum(x, base, end);
        double shift = 0;
        if (!(s <= Double.MAX_VALUE)) {
          shift = lineMax(x, base, end);
          s = shiftedExpSum(x, base, end, shift);
        }
        inv[line] = 1 / s;
        lse[line] = shift + Math.log(s);
      }
    }
  }

  /**
   * w[line] * softmax(x) at every element: the gradient of logSumExp for upstream gradient w,
   * and softmax itself for w = 1.
   */
  double[] weightedSoftmax(double[] w) {
    double[] out = new double[e.length];
    scaleLines(w, out);
    return out;
  }

  /**
   * {@link #weightedSoftmax} written over {@link #e} itself and returned, saving an array and a
   * pass over fresh memory; {@link #e} is spent afterwards.
   */
  double[] weightedSoftmaxInPlace(double[] w) {
    scaleLines(w, e);
    return e;
  }

  /**
   * out = w[line] * (e / sum(e of the line)), in unit-stride loops (which C2 vectorises) for
   * either layout. e / sum is at most 1, so the product overflows no sooner than w does; w / sum
   * first could (on the fast path a line of exp(-708) has 1 / sum near 1e307).
   */
  private void scaleLines(double[] w, double[] out) {
    if (inner == 1) {
      for (int line = 0; line < inv.length; line++) {
        double wl = w[line];
        double il = inv[line];
        for (int at = line * n, end = at + n; at < end; at++) {
          out[at] = wl * (e[at] * il);
        }
      }
    } else {
      for (int o = 0; o < outer; o++) {
        for (int k = 0; k < n; k++) {
          int row = (o * n + k) * inner;
          int first = o * inner;
          for (int i = 0; i < inner; i++) {
            out[row + i] = w[first + i] * (e[row + i] * inv[first + i]);
          }
        }
      }
    }
  }

  /** The sum of a over each line (a in x's layout). */
  double[] lineSums(double[] a) {
    return Tensor.sumAlong(a, outer, n, inner);
  }

  /** x - lse of its line: log(softmax(x)). */
  double[] logSoftmax(double[] x) {
    double[] out = new double[x.length];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        double l = lse[o * inner + i];
        for (int at = o * n * inner + i, end = at + n * inner; at < end; at += inner) {
          out[at] = x[at] - l;
        }
      }
    }
    return out;
  }

  /** Finishes the fast path of one line: e *= 2^k (the scalar half of exp) while summing. */
  private double scaleAndSum(double[] x, int base, int end) {
    // Two sums, so the loop does not wait on one chain of dependent additions.
    double s0 = 0;
    double s1 = 0;
    int at = base;
    for (; at + inner < end; at += 2 * inner) {
      double e0 = e[at] * Exp.scale(x[at]);
      double e1 = e[at + inner] * Exp.scale(x[at + inner]);
      e[at] = e0;
      e[at + inner] = e1;
      s0 += e0;
      s1 += e1;
    }
    if (at < end) {
      double e0 = e[at] * Exp.scale(x[at]);
      e[at] = e0;
      s0 += e0;
    }
    return s0 + s1;
  }

  /** The largest element, NaN skipped (it still reaches the sum); 0 if that is infinite. */
  private double lineMax(double[] x, int base, int end) {
    double m = Double.NEGATIVE_INFINITY;
    for (int at = base; at < end; at += inner) {
      m = x[at] > m ? x[at] : m;
    }
    // exp(x - inf) would be NaN even for the inf elements; unshifted, they give inf / inf = NaN
    // in softmax and inf in lse, as in PyTorch.
    return Double.isInfinite(m) ? 0 : m;
  }

  private double shiftedExpSum(double[] x, int base, int end, double shift) {
    double s = 0;
    for (int at = base; at < end; at += inner) {
      double v = Math.exp(x[at] - shift);
      e[at] = v;
      s += v;
    }
    return s;
  }
}
