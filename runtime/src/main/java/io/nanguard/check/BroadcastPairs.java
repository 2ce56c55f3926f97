package io.nanguard.check;

import io.nanguard.tensor.Tensor;

/**
 * The operand pairs of a broadcasting binary op, by the output's flat index, read in place (NumPy
 * rules, as the engine applies them): what the checker judges a binary row on, pair by pair,
 * once the operands' ranges reach a singular point.
 */
final class BroadcastPairs {

  private final double[] a;
  private final double[] b;
  private final int[] outShape;
  private final int[] aStrides;
  private final int[] bStrides;
  private final int size;

  BroadcastPairs(Tensor a, Tensor b, int[] outShape) {
    this.a = a.data();
    this.b = b.data();
    this.outShape = outShape;
    this.aStrides = strides(a.shape(), outShape);
    this.bStrides = strides(b.shape(), outShape);
    int n = 1;
    for (int d : outShape) {
      n *= d;
    }
    this.size = n;
  }

  /** The number of output elements. */
  int size() {
    return size;
  }

  /** Operand a at output element i. */
  double a(int i) {
    return a[offset(i, aStrides)];
  }

  /** Operand b at output element i. */
  double b(int i) {
    return b[offset(i, bStrides)];
  }

  private int offset(int flat, int[] strides) {
    int off = 0;
    for (int d = outShape.length - 1; d >= 0; d--) {
      off += (flat % outShape[d]) * strides[d];
      flat /= outShape[d];
    }
    return off;
  }

  /** An operand's row-major strides aligned right to the output's dims, 0 where it is broadcast. */
  private static int[] strides(int[] shape, int[] out) {
    int[] s = new int[out.length];
    int stride = 1;
    for (int d = shape.length - 1, o = out.length - 1; d >= 0; d--, o--) {
      s[o] = shape[d] == 1 ? 0 : stride;
      stride *= shape[d];
    }
    return s;
  }
}
