package io.nanguard.processor.testapi;

import io.nanguard.ops.OpCatalog;

/** The static functions of the {@link Vec} library (like DJL's {@code Activation}). */
public final class VecMath {

  private VecMath() {}

  /** The logistic function, elementwise. */
  public static Vec sigmoid(Vec x) {
    return x.map(OpCatalog::sigmoid);
  }
}
