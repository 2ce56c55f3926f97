package io.nanguard.optim;

import io.nanguard.tensor.Tensor;
import java.util.List;

/** Plain stochastic gradient descent: p -= lr * grad. Parameters without a gradient are skipped. */
public final class Sgd {

  private final List<Tensor> params;
  private final double lr;

  public Sgd(List<Tensor> params, double lr) {
    this.params = Optimizers.checkedParams("Sgd", params, lr);
    this.lr = lr;
  }

  public void step() {
    for (Tensor p : params) {
      Tensor g = p.grad();
      if (g == null) {
        continue;
      }
      double[] d = p.data();
      double[] gd = g.data();
      for (int i = 0; i < d.length; i++) {
        d[i] -= lr * gd[i];
      }
    }
  }

  public void zeroGrad() {
    Optimizers.zeroGrad(params);
  }
}
