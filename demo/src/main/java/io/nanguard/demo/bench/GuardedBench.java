package io.nanguard.demo.bench;

import io.nanguard.Guarded;
import io.nanguard.demo.bench.Workloads.SeedLoss;
import io.nanguard.nn.Embedding;
import io.nanguard.tensor.Tensor;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the generated guarded code costs on seed_loss (Embedding 1000 x 16, forward + backward):
 * {@code plain} is the reference workload with eps written by hand inside the sum,
 * {@code unguarded} the same loss as a user writes it (no eps: its gradient rows 0 and n-1 are
 * NaN), and {@code guarded} the processor's {@code GuardedGuardedBench_SeedLossTerms}, whose two
 * sqrt calls became {@code Guard.sqrt}.
 */
@State(Scope.Thread)
public class GuardedBench {

  /** The seed loss as a user writes it; the processor generates its guarded subclass. */
  @SuppressWarnings("nanguard") // the warnings are the point of the demo, not of the benchmark
  public static class SeedLossTerms {
    @Guarded
    public Tensor loss(Embedding emb, int[] idx) {
      Tensor e = emb.forward(idx);
      Tensor v = emb.weight();
      Tensor v0 = v.select(0, 0);
      Tensor vN = v.select(0, -1);
      Tensor d1 = v0.unsqueeze(0).sub(e).pow(2).sum(1).sqrt();
      Tensor d2 = vN.unsqueeze(0).sub(e).pow(2).sum(1).sqrt();
      return d1.add(d2).sub(v0.dist(vN)).abs().mean();
    }
  }

  private SeedLoss plain;
  private Embedding emb;
  private int[] idx;
  private SeedLossTerms unguarded;
  private SeedLossTerms guarded;

  @Setup
  public void setup() {
    plain = new SeedLoss();
    emb = new Embedding(1000, 16, new Random(0));
    idx = new int[1000];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    unguarded = new SeedLossTerms();
    guarded = new GuardedGuardedBench_SeedLossTerms();
  }

  @Benchmark
  public double seed_loss_plain() {
    plain.step();
    return plain.loss();
  }

  @Benchmark
  public double seed_loss_unguarded() {
    return step(unguarded);
  }

  @Benchmark
  public double seed_loss_guarded() {
    return step(guarded);
  }

  private double step(SeedLossTerms terms) {
    Tensor l = terms.loss(emb, idx);
    emb.weight().zeroGrad();
    l.backward();
    return l.item();
  }
}
