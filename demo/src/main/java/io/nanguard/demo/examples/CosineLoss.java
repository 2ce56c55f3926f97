package io.nanguard.demo.examples;

import io.nanguard.Guarded;
import io.nanguard.tensor.Tensor;

/**
 * 1 - cosine similarity of matching rows, written by hand: a zero row (a padding embedding, a
 * dead unit) makes the denominator 0 and the loss NaN.
 */
public class CosineLoss {

  @Guarded
  public Tensor loss(Tensor a, Tensor b) {
    Tensor dot = a.mul(b).sum(1);
    Tensor cos = dot.div(a.norm(1).mul(b.norm(1)));
    return cos.neg().add(1).mean();
  }
}
