package io.nanguard.optim;

import io.nanguard.tensor.Tensor;
import java.util.List;

/** Gradient clipping by global norm (PyTorch's {@code clip_grad_norm_}). */
public final class GradClip {

  private GradClip() {}

  /**
   * Scales all gradients in place so their global 2-norm is at most maxNorm, and returns the
   * norm before clipping. A non-finite norm is returned as is and the gradients are left alone,
   * so the caller sees the problem instead of a silently rescaled NaN.
   */
  public static double clipNorm(List<Tensor> params, double maxNorm) {
    if (!(maxNorm > 0)) {
      throw new IllegalArgumentException("clipNorm: maxNorm must be positive, got " + maxNorm);
    }
    double s = 0;
    for (Tensor p : params) {
      if (p.grad() != null) {
        for (double g : p.grad().data()) {
          s += g * g;
        }
      }
    }
    double norm = Math.sqrt(s);
    if (!Double.isFinite(norm)) {
      return norm;
    }
    double scale = maxNorm / (norm + 1e-6);
    if (scale < 1) {
      for (Tensor p : params) {
        if (p.grad() != null) {
          double[] g = p.grad().data();
          for (int i = 0; i < g.length; i++) {
            g[i] *= scale;
          }
        }
      }
    }
    return norm;
  }
}
