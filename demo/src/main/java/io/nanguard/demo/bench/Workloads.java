package io.nanguard.demo.bench;

import io.nanguard.nn.Embedding;
import io.nanguard.nn.Linear;
import io.nanguard.nn.Losses;
import io.nanguard.optim.Sgd;
import io.nanguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The three reference workloads of the repository's {@code bench/torch_workloads.py}, written op
 * for op as the PyTorch script writes them, so a benchmark of {@link Workload#step()} compares
 * like with like. Engine, checker and guarded benchmarks all drive these same objects.
 */
public final class Workloads {

  /** The names of all workloads, in the order the PyTorch script runs them. */
  public static final List<String> NAMES = List.of("seed_loss", "mlp_step", "softmax_ce");

  private Workloads() {}

  /** One training iteration with its own fixed, seeded data. */
  public interface Workload {

    /** Runs one iteration (forward, backward and, where the script has one, an optimizer step). */
    void step();

    /** The loss of the last {@link #step()}, for a JMH blackhole or a sanity check. */
    double loss();
  }

  private static final Map<String, Supplier<Workload>> FACTORIES =
      Map.of("seed_loss", SeedLoss::new, "mlp_step", MlpStep::new, "softmax_ce", SoftmaxCe::new);

  /** A fresh workload by name (one of {@link #NAMES}), seeded so every run sees the same data. */
  public static Workload create(String name) {
    Supplier<Workload> factory = FACTORIES.get(name);
    if (factory == null) {
      throw new IllegalArgumentException("unknown workload " + name + ", expected one of " + NAMES);
    }
    return factory.get();
  }

  /**
   * Embedding 1000 x 16; loss = mean(|d1 + d2 - dist(v0, vN)|) with
   * d = sqrt(sum((v - e)^2 + 1e-8, dim 1)) (eps inside the sum, hence finite); forward + backward.
   */
  public static final class SeedLoss implements Workload {
    private final Embedding emb = new Embedding(1000, 16, new Random(0));
    private final int[] idx = new int[1000];
    private double loss;

    public SeedLoss() {
      for (int i = 0; i < idx.length; i++) {
        idx[i] = i;
      }
    }

    @Override
    public void step() {
      Tensor e = emb.forward(idx);
      Tensor v = emb.weight();
      Tensor v0 = v.select(0, 0);
      Tensor vN = v.select(0, -1);
      Tensor d1 = v0.unsqueeze(0).sub(e).pow(2).add(1e-8).sum(1).sqrt();
      Tensor d2 = vN.unsqueeze(0).sub(e).pow(2).add(1e-8).sum(1).sqrt();
      Tensor l = d1.add(d2).sub(v0.dist(vN)).abs().mean();
      v.zeroGrad();
      l.backward();
      loss = l.item();
    }

    @Override
    public double loss() {
      return loss;
    }

    /** The trained table, for tests and checkers that inspect its gradient. */
    public Embedding embedding() {
      return emb;
    }
  }

  /**
   * Linear(64,64)-tanh-Linear(64,64)-tanh-Linear(64,1) on a batch of 64, MSE loss, forward +
   * backward + one SGD step (lr 1e-3).
   */
  public static final class MlpStep implements Workload {
    private final Linear l1;
    private final Linear l2;
    private final Linear l3;
    private final Tensor x;
    private final Tensor y;
    private final Sgd opt;
    private double loss;

    public MlpStep() {
      Random r = new Random(0);
      l1 = new Linear(64, 64, r);
      l2 = new Linear(64, 64, r);
      l3 = new Linear(64, 1, r);
      x = Tensor.randn(r, 64, 64);
      y = Tensor.randn(r, 64, 1);
      opt = new Sgd(parameters(), 1e-3);
    }

    @Override
    public void step() {
      opt.zeroGrad();
      Tensor out = l3.forward(l2.forward(l1.forward(x).tanh()).tanh());
      Tensor l = out.sub(y).pow(2).mean();
      l.backward();
      opt.step();
      loss = l.item();
    }

    @Override
    public double loss() {
      return loss;
    }

    /** All weights and biases, layer by layer. */
    public List<Tensor> parameters() {
      List<Tensor> ps = new ArrayList<>(l1.parameters());
      ps.addAll(l2.parameters());
      ps.addAll(l3.parameters());
      return ps;
    }
  }

  /** Logits 256 x 100, cross entropy against fixed targets; forward + backward. */
  public static final class SoftmaxCe implements Workload {
    private final Tensor logits;
    private final int[] target = new int[256];
    private double loss;

    public SoftmaxCe() {
      Random r = new Random(0);
      logits = Tensor.randn(r, 256, 100).requiresGrad(true);
      for (int i = 0; i < target.length; i++) {
        target[i] = r.nextInt(100);
      }
    }

    @Override
    public void step() {
      logits.zeroGrad();
      Tensor l = Losses.crossEntropy(logits, target);
      l.backward();
      loss = l.item();
    }

    @Override
    public double loss() {
      return loss;
    }

    /** The trained logits, for inspecting their gradient. */
    public Tensor logits() {
      return logits;
    }
  }
}
