package io.nanguard.djl.demo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.nanguard.Guarded;

/**
 * The seed's loss on DJL: every code should lie on the segment between code 0 and code n-1.
 * Its forward pass is finite, but {@code sqrt} at 0 (row 0 in d1, row n-1 in d2) has an
 * infinite derivative, so rows 0 and n-1 of the gradient are NaN. NaNGuard's processor warns on
 * both sqrt lines and generates {@code GuardedSegmentLoss}, whose {@code evaluate} calls
 * {@code NdGuard.sqrtNonNegative} there (the operand is a sum of squares).
 */
public class SegmentLoss extends Loss {

  /** The loss, named "segment". */
  public SegmentLoss() {
    super("segment");
  }

  @Guarded
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray v = predictions.singletonOrThrow();
    NDArray v0 = v.get(0);
    NDArray vN = v.get(v.getShape().get(0) - 1);
    NDArray d1 = v.sub(v0).square().sum(new int[] {1}).sqrt();
    NDArray d2 = v.sub(vN).square().sum(new int[] {1}).sqrt();
    return d1.add(d2).sub(v0.sub(vN).norm()).abs().mean();
  }
}
