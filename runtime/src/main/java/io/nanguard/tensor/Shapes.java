package io.nanguard.tensor;

import java.util.Arrays;

/** Shape arithmetic: element counts, broadcasting, and the index maps that implement it. */
final class Shapes {

  private Shapes() {}

  static int numel(int[] shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  static String str(int[] shape) {
    return Arrays.toString(shape);
  }

  /** Checks and copies a user-given shape. */
  static int[] checked(String op, int[] shape) {
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(op + ": negative dimension in shape " + str(shape));
      }
    }
    return shape.clone();
  }

  /** Resolves a possibly negative dim against a rank, naming the op and shape if it is out of range. */
  static int dim(String op, int dim, int[] shape) {
    int rank = shape.length;
    int d = dim < 0 ? dim + rank : dim;
    if (d < 0 || d >= rank) {
      throw new IllegalArgumentException(op + ": dim " + dim + " out of range for shape " + str(shape)
          + " (rank " + rank + ")");
    }
    return d;
  }

  /** NumPy broadcasting of two shapes. */
  static int[] broadcast(String op, int[] a, int[] b) {
    int n = Math.max(a.length, b.length);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int da = i < n - a.length ? 1 : a[i - (n - a.length)];
      int db = i < n - b.length ? 1 : b[i - (n - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b)
            + " cannot be broadcast (dim " + i + ": " + da + " vs " + db + ")");
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /** For each flat index of a tensor of {@code shape}, the offset given per-dim strides. */
  static int[] stridedIndex(int[] shape, int[] stride) {
    int n = shape.length;
    int total = numel(shape);
    int[] map = new int[total];
    int[] idx = new int[n];
    int flat = 0;
    for (int i = 0; i < total; i++) {
      map[i] = flat;
      for (int d = n - 1; d >= 0; d--) {
        idx[d]++;
        flat += stride[d];
        if (idx[d] < shape[d]) {
          break;
        }
        flat -= stride[d] * idx[d];
        idx[d] = 0;
      }
    }
    return map;
  }

  /** Product of the dims before {@code dim}. */
  static int outer(int[] shape, int dim) {
    int n = 1;
    for (int i = 0; i < dim; i++) {
      n *= shape[i];
    }
    return n;
  }

  /** Product of the dims after {@code dim}. */
  static int inner(int[] shape, int dim) {
    int n = 1;
    for (int i = dim + 1; i < shape.length; i++) {
      n *= shape[i];
    }
    return n;
  }

  /** The shape with {@code dim} removed (or set to 1 when keepDim). */
  static int[] reduced(int[] shape, int dim, boolean keepDim) {
    if (keepDim) {
      int[] s = shape.clone();
      s[dim] = 1;
      return s;
    }
    int[] s = new int[shape.length - 1];
    for (int i = 0, j = 0; i < shape.length; i++) {
      if (i != dim) {
        s[j++] = shape[i];
      }
    }
    return s;
  }
}
