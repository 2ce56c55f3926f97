package io.nanguard.tensor;

import java.util.Arrays;

/**
 * How a broadcasting binary op walks its operands without materialising them: the output is cut
 * into {@link #rows} runs of {@link #n} elements; along a run operand a advances by {@link #as}
 * (1, or 0 where it is broadcast) from {@code aOff[row]}, and b likewise. Adjacent dims that
 * both operands traverse the same way are merged first, so equal shapes are one run and
 * {@code (1, 16) - (1000, 16)} is 1000 runs of 16.
 */
final class Broadcast {

  final int[] outShape;
  final int numel;
  final int rows;
  final int n;
  final int as;
  final int bs;
  final int[] aOff;
  final int[] bOff;

  private Broadcast(int[] outShape, int rows, int n, int as, int bs, int[] aOff, int[] bOff) {
    this.outShape = outShape;
    this.numel = rows * n;
    this.rows = rows;
    this.n = n;
    this.as = as;
    this.bs = bs;
    this.aOff = aOff;
    this.bOff = bOff;
  }

  /** The plan for op(a, b), or an IllegalArgumentException naming op and shapes if they do not broadcast. */
  static Broadcast of(String op, int[] a, int[] b) {
    int[] out = Arrays.equals(a, b) ? a : Shapes.broadcast(op, a, b);
    int total = Shapes.numel(out);
    int[] sa = strides(a, out);
    int[] sb = strides(b, out);
    // Merged dims, innermost first: size, stride in a, stride in b.
    int[] size = new int[out.length];
    int[] ta = new int[out.length];
    int[] tb = new int[out.length];
    int k = 0;
    for (int d = out.length - 1; d >= 0; d--) {
      if (out[d] == 1) {
        continue;
      }
      if (k > 0 && sa[d] == ta[k - 1] * size[k - 1] && sb[d] == tb[k - 1] * size[k - 1]) {
        size[k - 1] *= out[d];
      } else {
        size[k] = out[d];
        ta[k] = sa[d];
        tb[k] = sb[d];
        k++;
      }
    }
    if (total == 0 || k <= 1) {
      int n = k == 0 ? 1 : size[0];
      int rows = total == 0 ? 0 : 1;
      return new Broadcast(out, rows, total == 0 ? 0 : n, k == 0 ? 0 : ta[0], k == 0 ? 0 : tb[0],
          new int[] {0}, new int[] {0});
    }
    int rows = total / size[0];
    int[] aOff = new int[rows];
    int[] bOff = new int[rows];
    int[] idx = new int[k];
    int offA = 0;
    int offB = 0;
    for (int r = 0; r < rows; r++) {
      aOff[r] = offA;
      bOff[r] = offB;
      for (int d = 1; d < k; d++) {
        idx[d]++;
        offA += ta[d];
        offB += tb[d];
        if (idx[d] < size[d]) {
          break;
        }
        offA -= ta[d] * size[d];
        offB -= tb[d] * size[d];
        idx[d] = 0;
      }
    }
    return new Broadcast(out, rows, size[0], ta[0], tb[0], aOff, bOff);
  }

  /** Row-major strides of {@code small} aligned to the end of {@code out}, 0 where it is broadcast. */
  private static int[] strides(int[] small, int[] out) {
    int[] s = new int[out.length];
    int shift = out.length - small.length;
    int stride = 1;
    for (int i = small.length - 1; i >= 0; i--) {
      s[i + shift] = small[i] == 1 ? 0 : stride;
      stride *= small[i];
    }
    return s;
  }
}
