package io.nanguard.demo.examples;

import io.nanguard.Guarded;
import io.nanguard.tensor.Tensor;

/**
 * Cross entropy written from the textbook formula, -log(exp(x_t) / sum(exp(x))): exp overflows
 * for logits above ~709 and the loss becomes NaN; log of a softmax that underflowed is -inf.
 */
public class SoftmaxCrossEntropy {

  /** Mean cross entropy of logits (batch x classes) against one-hot targets of the same shape. */
  @Guarded
  public Tensor loss(Tensor logits, Tensor oneHot) {
    Tensor p = logits.exp().div(logits.exp().sum(1, true));
    return p.log().mul(oneHot).sum(1).neg().mean();
  }
}
