package io.nanguard.demo.bench;

import io.nanguard.demo.bench.Workloads.MlpStep;
import io.nanguard.demo.bench.Workloads.SeedLoss;
import io.nanguard.demo.bench.Workloads.SoftmaxCe;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The bare engine on the three reference workloads: the {@code plain} baseline that checker and
 * guarded variants are divided by, and the number compared with PyTorch (float64, one thread).
 */
@State(Scope.Thread)
public class EngineBench {

  private SeedLoss seedLoss;
  private MlpStep mlpStep;
  private SoftmaxCe softmaxCe;

  @Setup
  public void setup() {
    seedLoss = new SeedLoss();
    mlpStep = new MlpStep();
    softmaxCe = new SoftmaxCe();
  }

  @Benchmark
  public double seed_loss_plain() {
    seedLoss.step();
    return seedLoss.loss();
  }

  @Benchmark
  public double mlp_step_plain() {
    mlpStep.step();
    return mlpStep.loss();
  }

  @Benchmark
  public double softmax_ce_plain() {
    softmaxCe.step();
    return softmaxCe.loss();
  }
}
