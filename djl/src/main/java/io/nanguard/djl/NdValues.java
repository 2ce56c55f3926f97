package io.nanguard.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** An NDArray's values and shape as the shared checking code reads them (row-major doubles, int[] shape). */
final class NdValues {

  private NdValues() {}

  /** The shape as ints. */
  static int[] shape(NDArray a) {
    long[] s = a.getShape().getShape();
    int[] out = new int[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = Math.toIntExact(s[i]);
    }
    return out;
  }

  /** The values copied to the host as doubles (a host synchronisation). */
  static double[] doubles(NDArray a) {
    if (a.getDataType() == DataType.FLOAT64) {
      return a.toDoubleArray();
    }
    try (NDArray wide = a.toType(DataType.FLOAT64, true)) {
      return wide.toDoubleArray();
    }
  }
}
