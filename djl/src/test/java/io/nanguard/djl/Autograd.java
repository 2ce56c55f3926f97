package io.nanguard.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;

/** Value and gradient of {@code sum(f(x))} on the real engine, copied to the host. */
public record Autograd(float[] value, float[] grad) {

  public static Autograd of(NDManager m, float[] input, UnaryOperator<NDArray> f) {
    NDArray x = m.create(input);
    x.setRequiresGradient(true);
    NDArray y;
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      y = f.apply(x);
      gc.backward(y.sum());
    }
    return new Autograd(y.toFloatArray(), x.getGradient().toFloatArray());
  }

  public boolean finite() {
    return allFinite(value) && allFinite(grad);
  }

  static boolean allFinite(float[] a) {
    for (float v : a) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
