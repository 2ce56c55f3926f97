package io.nanguard.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;

/**
 * Whether a float32 array in host memory is all finite, read where it lies.
 *
 * <p>On the CPU an engine's reduction is a native operation like any other: a dispatch, an
 * output array, its Java wrapper and its deletion, and the read of the result. Right after a
 * training step's backward pass these cost the listener more than the arithmetic (see
 * docs/benchmarks.md, "DJL"). A CPU array's memory is readable directly:
 * {@code toByteBuffer(true)} gives PyTorch's tensor memory itself for a dense, contiguous array
 * (DJL makes a contiguous copy first otherwise, and another engine a copy), and the check is a
 * pass over its bits in Java, with no native operation at all.
 *
 * <p>A float32 value is non-finite exactly when its eight exponent bits are all ones. Adding
 * {@code 0x00800000} (one unit of the exponent) to the exponent bits alone carries into bit 31
 * for those values only, and never beyond it; two values packed in a {@code long} carry into
 * bits 31 and 63 without disturbing each other. The pass ORs these sums, two values at a time,
 * with no branch and no floating-point operation, so a NaN, whatever its payload, or an
 * infinity anywhere sets a carry bit, and finite values (subnormals and the largest included)
 * never do; unlike a sum of the values, finite values never overflow into a false alarm.
 */
final class HostScan {

  private static final long EXPONENTS = 0x7f8000007f800000L;
  private static final long ONE_UNIT = 0x0080000000800000L;
  private static final long CARRIES = 0x8000000080000000L;
  private static final int EXPONENT = 0x7f800000;
  private static final int UNIT = 0x00800000;

  private HostScan() {}

  /**
   * Whether {@code a}, of {@code type} on {@code device}, is scanned here rather than reduced by
   * the engine: a dense float32 array on the CPU (a sparse one has no dense memory to read).
   */
  static boolean reads(NDArray a, Device device, DataType type) {
    return type == DataType.FLOAT32 && Device.cpu().equals(device) && !a.isSparse();
  }

  /** The memory of {@code a}, an array that {@link #reads} accepts, where it lies, in the machine's byte order. */
  static ByteBuffer memory(NDArray a) {
    return a.toByteBuffer(true).order(ByteOrder.nativeOrder());
  }

  /** Whether every element of {@code a}, an array that {@link #reads} accepts, is finite. */
  static boolean allFinite(NDArray a) {
    ByteBuffer bytes = memory(a);
    int start = bytes.position();
    int length = bytes.remaining();
    LongBuffer pairs = bytes.asLongBuffer();
    int n = pairs.remaining();
    long carries = 0;
    for (int i = 0; i < n; i++) {
      carries |= (pairs.get(i) & EXPONENTS) + ONE_UNIT;
    }
    if ((length & 4) != 0) {
      // an odd number of floats: the last one is not in a pair
      carries |= (bytes.getInt(start + length - 4) & EXPONENT) + UNIT;
    }
    return (carries & CARRIES) == 0;
  }
}
