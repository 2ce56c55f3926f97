package io.nanguard.djl;

import ai.djl.ndarray.types.DataType;

/**
 * The limits of one floating format that a guard needs to pick an epsilon the format can hold:
 * the spacing just below 1 (the smallest eps for which {@code 1 - eps < 1}), the smallest
 * normal number (the smallest eps that survives as a positive shift or clamp, with a finite
 * reciprocal), and where {@code exp} overflows.
 *
 * @param spacingBelowOne 2^-p for a p-bit significand: {@code 1 - spacingBelowOne} is the largest
 *     number below 1
 * @param minNormal the smallest positive normal number
 * @param expLimit {@code ln(max finite)}: exp overflows above it
 */
record NdFormat(String name, double spacingBelowOne, double minNormal, double expLimit) {

  static final NdFormat FLOAT64 = new NdFormat("float64", 0x1p-53, Double.MIN_NORMAL, Math.log(Double.MAX_VALUE));
  static final NdFormat FLOAT32 = new NdFormat("float32", 0x1p-24, Float.MIN_NORMAL, Math.log(Float.MAX_VALUE));
  static final NdFormat FLOAT16 = new NdFormat("float16", 0x1p-11, 0x1p-14, Math.log(65504));
  static final NdFormat BFLOAT16 = new NdFormat("bfloat16", 0x1p-8, Float.MIN_NORMAL, Math.log(0x1.fep127));

  /** The format of an array's data type; integer types get float32's limits (DJL computes them in float). */
  static NdFormat of(DataType type) {
    return switch (type) {
      case FLOAT64 -> FLOAT64;
      case FLOAT16 -> FLOAT16;
      case BFLOAT16 -> BFLOAT16;
      default -> FLOAT32;
    };
  }

  /** An eps that stays positive in this format: at least the smallest normal. */
  double positive(double eps) {
    return Math.max(eps, minNormal);
  }

  /** An eps that {@code 1 - eps} and {@code -1 + eps} do not round away in this format. */
  double belowOne(double eps) {
    return Math.max(eps, spacingBelowOne);
  }

  /** The largest whole exponent exp can take without overflowing. */
  double expClamp() {
    return Math.floor(expLimit);
  }
}
