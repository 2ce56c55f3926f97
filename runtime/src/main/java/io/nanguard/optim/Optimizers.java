package io.nanguard.optim;

import io.nanguard.tensor.Tensor;
import java.util.List;

/** Argument checks and gradient reset shared by the optimizers. */
final class Optimizers {

  private Optimizers() {}

  static List<Tensor> checkedParams(String optimizer, List<Tensor> params, double lr) {
    if (params == null || params.isEmpty()) {
      throw new IllegalArgumentException(optimizer + ": no parameters to optimize");
    }
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException(optimizer + ": learning rate must be positive and finite, got " + lr);
    }
    for (int i = 0; i < params.size(); i++) {
      Tensor p = params.get(i);
      if (!p.isLeaf() || !p.requiresGrad()) {
        throw new IllegalArgumentException(optimizer + ": parameter " + i + " " + p
            + " must be a leaf with requiresGrad(true)");
      }
    }
    return List.copyOf(params);
  }

  static void zeroGrad(List<Tensor> params) {
    for (Tensor p : params) {
      p.zeroGrad();
    }
  }
}
