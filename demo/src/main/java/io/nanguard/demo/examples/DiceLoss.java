package io.nanguard.demo.examples;

import io.nanguard.Guarded;
import io.nanguard.tensor.Tensor;

/**
 * Dice loss 1 - 2|P∩T| / (|P| + |T|) for segmentation masks: an image with an empty target and
 * an all-zero prediction gives 0 / 0 = NaN.
 */
public class DiceLoss {

  @Guarded
  public Tensor loss(Tensor prediction, Tensor target) {
    Tensor overlap = prediction.mul(target).sum();
    Tensor total = prediction.sum().add(target.sum());
    return overlap.mul(2).div(total).neg().add(1);
  }
}
