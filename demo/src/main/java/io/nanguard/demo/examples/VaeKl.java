package io.nanguard.demo.examples;

import io.nanguard.Guarded;
import io.nanguard.tensor.Tensor;

/**
 * The VAE's KL term against N(0, 1), -0.5 * sum(1 + logvar - mu^2 - exp(logvar)): an encoder
 * that emits a large log-variance overflows exp and the loss is +inf, then NaN.
 */
public class VaeKl {

  @Guarded
  public Tensor kl(Tensor mu, Tensor logvar) {
    Tensor terms = logvar.add(1).sub(mu.square()).sub(logvar.exp());
    return terms.sum().mul(-0.5);
  }
}
