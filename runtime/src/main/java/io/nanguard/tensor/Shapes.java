package io.nanguard.tensor;

import java.util.Arrays;

/** Shape arithmetic: element counts, broadcasting, and the index maps that implement it. */
final class Shapes {

  private Shapes() {}

  /** The most elements one Java array can hold on common JVMs. */
  static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  /** The element count of a shape already checked to fit an array. */
  static int numel(int[] shape) {
    return numel("tensor", shape);
  }

  /**
   * The element count of {@code shape}, computed exactly: one above {@link #MAX_ELEMENTS} is an
   * error naming {@code op} and the shape, raised before anything is allocated (an int product
   * would wrap: 65536 x 65536 is 0).
   */
  static int numel(String op, int[] shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(op + ": negative dimension in shape " + str(shape));
      }
      n = d == 0 || n == 0 ? 0 : n > MAX_ELEMENTS / d ? MAX_ELEMENTS + 1 : n * d;
    }
    if (n > MAX_ELEMENTS) {
      throw new IllegalArgumentException(op + ": shape " + str(shape) + " has " + exactCount(shape)
          + " elements, more than a Java array holds (" + MAX_ELEMENTS + ")");
    }
    return (int) n;
  }

  private static java.math.BigInteger exactCount(int[] shape) {
    java.math.BigInteger n = java.math.BigInteger.ONE;
    for (int d : shape) {
      n = n.multiply(java.math.BigInteger.valueOf(d));
    }
    return n;
  }

  static String str(int[] shape) {
    return Arrays.toString(shape);
  }

  /** Checks and copies a user-given shape. */
  static int[] checked(String op, int[] shape) {
    numel(op, shape); // also rejects a negative dimension
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
    numel(op, out);
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
