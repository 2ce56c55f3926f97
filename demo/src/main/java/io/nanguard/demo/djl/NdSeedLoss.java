package io.nanguard.demo.djl;

import ai.djl.ndarray.NDArray;
import io.nanguard.Guarded;

/**
 * The seed's loss on DJL's NDArray, as JMH's {@code DjlBench} times it: NaNGuard's processor
 * generates {@code GuardedNdSeedLoss} from it when the demo module is compiled.
 */
public class NdSeedLoss {

  /** mean(|d1 + d2 - dist(v0, vN)|) with d = sqrt(sum((v - e)^2, 1)). */
  @Guarded
  public NDArray loss(NDArray v) {
    NDArray v0 = v.get(0);
    NDArray vN = v.get(v.getShape().get(0) - 1);
    NDArray d1 = v.sub(v0).square().sum(new int[] {1}).sqrt();
    NDArray d2 = v.sub(vN).square().sum(new int[] {1}).sqrt();
    return d1.add(d2).sub(v0.sub(vN).norm()).abs().mean();
  }
}
