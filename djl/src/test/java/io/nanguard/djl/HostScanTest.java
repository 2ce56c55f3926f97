package io.nanguard.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/** The listener's host scan against Float.isFinite on every element, on the real engine's memory. */
class HostScanTest {

  /** Every class of float32 bit pattern the exponent trick must sort: NaNs of any payload and sign, infinities. */
  private static final float[] NON_FINITE = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
      Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0x7fffffff), Float.intBitsToFloat(0xffc00000),
      Float.intBitsToFloat(0xff800001)};

  /** Finite values at the edges: the largest, the smallest normal and subnormal, signed zeros. */
  private static final float[] FINITE = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, Float.MIN_VALUE,
      -Float.MIN_VALUE, 0f, -0f, 1f, Float.intBitsToFloat(0x7f7fffff), Float.intBitsToFloat(0x807fffff)};

  @Test
  void agreesWithIsFiniteForEverySpecialValueAtEveryPositionOfOddAndEvenLengths() {
    try (NDManager m = NDManager.newBaseManager()) {
      for (int n : new int[] {1, 2, 3, 7, 8, 9, 1001}) {
        for (int at : new int[] {0, n / 2, n - 1}) {
          for (float bad : NON_FINITE) {
            float[] v = edges(n);
            v[at] = bad;
            assertFalse(HostScan.allFinite(m.create(v)), "length " + n + ", " + bad + " at " + at);
            assertEquals(expected(v), HostScan.allFinite(m.create(v)));
          }
          float[] clean = edges(n);
          assertTrue(HostScan.allFinite(m.create(clean)), "length " + n + ": all finite");
          assertEquals(expected(clean), HostScan.allFinite(m.create(clean)));
        }
      }
    }
  }

  @Test
  void aScalarLikeDjlsLossesIsScannedToo() {
    try (NDManager m = NDManager.newBaseManager()) {
      assertTrue(HostScan.allFinite(m.create(3e38f)));
      assertFalse(HostScan.allFinite(m.create(Float.NaN)));
      assertEquals(0, m.create(Float.NaN).getShape().dimension());
    }
  }

  @Test
  void aViewThatIsNotContiguousIsReadInItsOwnOrderNotItsStoragesNeighbours() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] v = edges(12);
      NDArray storage = m.create(v, new Shape(3, 4));
      // columns 1..2 of each row: a view whose elements are not adjacent in memory
      NDArray columns = storage.get(":, 1:3");
      assertTrue(HostScan.allFinite(columns));
      v[3] = Float.NaN; // outside the view: must not be seen
      NDArray outside = m.create(v, new Shape(3, 4)).get(":, 1:3");
      assertTrue(HostScan.allFinite(outside));
      v[6] = Float.NaN; // row 1, column 2: inside the view
      assertFalse(HostScan.allFinite(m.create(v, new Shape(3, 4)).get(":, 1:3")));
      assertFalse(HostScan.allFinite(m.create(v, new Shape(3, 4)).transpose()));
    }
  }

  @Test
  void onlyDenseFloat32OnTheCpuIsScannedOnTheHost() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray dense = m.create(new float[] {1f, 2f});
      assertTrue(HostScan.reads(dense, Device.cpu(), DataType.FLOAT32));
      assertFalse(HostScan.reads(dense.toType(DataType.FLOAT64, false), Device.cpu(), DataType.FLOAT64));
      assertFalse(HostScan.reads(dense.toType(DataType.FLOAT16, false), Device.cpu(), DataType.FLOAT16));
      assertFalse(HostScan.reads(dense, Device.cpu(), DataType.BFLOAT16));
      assertFalse(HostScan.reads(dense, Device.gpu(0), DataType.FLOAT32));
      NDArray sparse = m.createCoo(FloatBuffer.wrap(new float[] {Float.NaN}), new long[][] {{1}}, new Shape(3));
      assertTrue(sparse.isSparse());
      assertFalse(HostScan.reads(sparse, Device.cpu(), DataType.FLOAT32), "a sparse array is summed by the engine");
    }
  }

  /** Finite edge values, cycled to length n. */
  private static float[] edges(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = FINITE[i % FINITE.length];
    }
    return v;
  }

  private static boolean expected(float[] v) {
    for (float f : v) {
      if (!Float.isFinite(f)) {
        return false;
      }
    }
    return true;
  }
}
