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
   * Mean cross entropy of logits (batch, classes) against class indices, computed as
   * logSumExp(logits) - logits[target], so large logits never overflow.
   */
  public static Tensor crossEntropy(Tensor logits, int[] targets) {
    if (logits.dim() != 2) {
      throw new IllegalArgumentException("crossEntropy: logits must be (batch, classes), got shape "
          + Arrays.toString(logits.shape()));
    }
    int batch = logits.size(0);
    int classes = logits.size(1);
    if (targets.length != batch) {
      throw new IllegalArgumentException("crossEntropy: " + targets.length + " targets for a batch of " + batch
          + " (logits shape " + Arrays.toString(logits.shape()) + ")");
    }
    int[] flat = new int[batch];
    for (int i = 0; i < batch; i++) {
      if (targets[i] < 0 || targets[i] >= classes) {
        throw new IllegalArgumentException("crossEntropy: target " + targets[i] + " at position " + i
            + " out of range for " + classes + " classes");
      }
      flat[i] = i * classes + targets[i];
    }
    Tensor picked = logits.reshape(-1).indexSelect(0, flat);
    return logits.logSumExp(1).sub(picked).mean();
  }
}
