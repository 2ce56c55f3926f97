package io.nanguard.djl;

import ai.djl.ndarray.types.DataType;
import io.nanguard.ops.FloatFormat;

/**
 * The floating format of a DJL array ({@link FloatFormat}, the runtime's one table of format
 * limits), and the eps a guard may use in it.
 */
final class NdFormats {

  private NdFormats() {}

  /** The format of an array's data type; integer types get float32's limits (DJL computes them in float). */
  static FloatFormat of(DataType type) {
    return switch (type) {
      case FLOAT64 -> FloatFormat.FLOAT64;
      case FLOAT16 -> FloatFormat.FLOAT16;
      case BFLOAT16 -> FloatFormat.BFLOAT16;
      default -> FloatFormat.FLOAT32;
    };
  }

  /** An eps that stays positive in the format, with a finite reciprocal: at least the smallest normal. */
  static double positive(FloatFormat format, double eps) {
    return Math.max(eps, format.minNormal());
  }

  /** An eps that {@code 1 - eps} and {@code -1 + eps} do not round away: at least machine epsilon. */
  static double belowOne(FloatFormat format, double eps) {
    return Math.max(eps, format.epsilon());
  }

  /** The largest whole exponent exp can take without overflowing (88 in float32, 11 in float16). */
  static double expClamp(FloatFormat format) {
    return Math.floor(format.expOverflow());
  }
}
