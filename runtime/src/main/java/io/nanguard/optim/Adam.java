package io.nanguard.optim;

import io.nanguard.tensor.Tensor;
import java.util.List;

/**
 * Adam with PyTorch's defaults (betas 0.9 and 0.999, eps 1e-8, no weight decay) and bias
 * correction, matching {@code torch.optim.Adam} step for step.
 */
public final class Adam {

  private final List<Tensor> params;
  private final double lr;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double[][] m;
  private final double[][] v;
  private int t;

  public Adam(List<Tensor> params, double lr) {
    this(params, lr, 0.9, 0.999, 1e-8);
  }

  public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps) {
    this.params = Optimizers.checkedParams("Adam", params, lr);
    if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1 && eps >= 0)) {
      throw new IllegalArgumentException("Adam: betas must be in [0, 1) and eps >= 0, got " + beta1 + ", " + beta2
          + ", " + eps);
    }
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.m = new double[this.params.size()][];
    this.v = new double[this.params.size()][];
    for (int i = 0; i < m.length; i++) {
      m[i] = new double[this.params.get(i).numel()];
      v[i] = new double[this.params.get(i).numel()];
    }
  }

  public void step() {
    t++;
    double c1 = 1 - Math.pow(beta1, t);
    double c2 = 1 - Math.pow(beta2, t);
    for (int k = 0; k < params.size(); k++) {
      Tensor p = params.get(k);
      if (p.grad() == null) {
        continue;
      }
      double[] d = p.data();
      double[] g = p.grad().data();
      double[] mk = m[k];
      double[] vk = v[k];
      for (int i = 0; i < d.length; i++) {
        mk[i] = beta1 * mk[i] + (1 - beta1) * g[i];
        vk[i] = beta2 * vk[i] + (1 - beta2) * g[i] * g[i];
        double denom = Math.sqrt(vk[i]) / Math.sqrt(c2) + eps;
        d[i] -= lr / c1 * mk[i] / denom;
      }
    }
  }

  public void zeroGrad() {
    Optimizers.zeroGrad(params);
  }
}
