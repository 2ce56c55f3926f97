package io.nanguard.nn;

import io.nanguard.tensor.Tensor;
import java.util.Arrays;

/** Standard losses, written in their numerically stable forms. */
public final class Losses {

  private Losses() {}

  /** Mean squared error; shapes must match exactly (no silent broadcasting of targets). */
  public static Tensor mse(Tensor prediction, Tensor target) {
    if (!Arrays.equals(prediction.shape(), target.shape())) {
      throw new IllegalArgumentException("mse: prediction shape " + Arrays.toString(prediction.shape())
          + " differs from target shape " + Arrays.toString(target.shape()));
    }
    return prediction.sub(target).square().mean();
  }

  /**
   * Mean cross entropy of logits (batch, classes) against class indices: logSumExp(logits) -
   * logits[target], computed stably (large logits never overflow) as one fused op,
   * {@link Tensor#crossEntropy}.
   */
  public static Tensor crossEntropy(Tensor logits, int[] targets) {
    return logits.crossEntropy(targets);
  }
}
