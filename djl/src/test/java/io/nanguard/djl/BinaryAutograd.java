package io.nanguard.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.BinaryOperator;

/** Value of {@code f(a, b)} and the gradients of {@code sum(f(a, b))} for a and b on the real engine, copied to the host. */
public record BinaryAutograd(float[] value, float[] gradA, float[] gradB) {

  public static BinaryAutograd of(NDManager m, float[] a, float[] b, BinaryOperator<NDArray> f) {
    NDArray x = m.create(a);
    NDArray y = m.create(b);
    x.setRequiresGradient(true);
    y.setRequiresGradient(true);
    NDArray out;
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      out = f.apply(x, y);
      gc.backward(out.sum());
    }
    return new BinaryAutograd(out.toFloatArray(), x.getGradient().toFloatArray(), y.getGradient().toFloatArray());
  }

  public boolean finite() {
    return Autograd.allFinite(value) && Autograd.allFinite(gradA) && Autograd.allFinite(gradB);
  }
}
