package io.nanguard.demo.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.DivergenceCheckTrainingListener;
import ai.djl.training.listener.EpochTrainingListener;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.nanguard.demo.djl.GuardedNdSeedLoss;
import io.nanguard.demo.djl.NdSeedLoss;
import io.nanguard.djl.NanGuardListener;
import io.nanguard.djl.WatchedLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * NaNGuard on DJL's real PyTorch engine (float32, CPU), each pair in one JMH run:
 *
 * <ul>
 *   <li>{@code djlmlp}: one training step of Linear(256)-relu-Linear(1) on a batch of 256 x 256,
 *       L2 loss, SGD, through {@code EasyTrain.trainBatch} and {@code trainer.step()}, without
 *       ({@code plain}) and with ({@code listener}) a {@link NanGuardListener}, which decides from
 *       the labels and predictions that DJL's L2 loss is finite;
 *   <li>{@code djlmlpown}: the same, with the L2 loss as a class of the user's ({@link OwnL2Loss}),
 *       which the listener evaluates a second time;
 *   <li>{@code djlmlpwatched}: the same step without NaNGuard, and with the loss wrapped in a
 *       {@link WatchedLoss} and a {@link NanGuardListener}, which checks the loss the step
 *       computed;
 *   <li>{@code djlmlpbasic}: the same step with DJL's own {@code TrainingListener.Defaults.basic()}
 *       listeners on both sides (epoch, evaluator, divergence check), and NanGuardListener added
 *       after the evaluator on the checked side: the set-up DJL's examples use, where NaNGuard
 *       reads the loss DJL's evaluator computed instead of evaluating it again;
 *   <li>{@code djlseed}: forward and backward of the seed's loss on a 1000 x 16 NDArray,
 *       as written ({@code plain}) and as the generated {@code GuardedNdSeedLoss} ({@code guarded}).
 * </ul>
 *
 * <p>The {@code _pair} methods run both variants of a workload in each invocation and time each
 * half ({@link PairTimes}), so that both see the same machine load; {@link #main} runs only them
 * and prints checked / plain (listener / plain, guarded / plain) per workload.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
    "-Dai.djl.pytorch.num_interop_threads=1"})
public class DjlBench {

  static {
    // The native library comes from the pytorch-native-cpu jar: extract it under the temporary
    // directory rather than the user's home, and never download.
    if (System.getProperty("DJL_CACHE_DIR") == null) {
      System.setProperty("DJL_CACHE_DIR", System.getProperty("java.io.tmpdir") + "/nanguard-djl-cache");
    }
  }

  private static final int WIDTH = 256;
  private static final int BATCH = 256;

  /**
   * The MLP and its two trainers. A state of its own: a trainer with the listener is a NaNGuard
   * check, which makes guards count what they change, so it must not be open in the seed runs.
   */
  @State(Scope.Benchmark)
  public static class Mlp {
    private final List<Model> models = new ArrayList<>();
    public Trainer plain;
    public Trainer checked;
    public Trainer own;
    public Trainer watched;
    public Trainer basic;
    public Trainer basicChecked;
    private float[] x;
    private float[] y;

    @Setup(Level.Trial)
    public void setUp() {
      plain = trainer();
      checked = trainer(new NanGuardListener());
      own = trainer(new OwnL2Loss(), new NanGuardListener());
      watched = trainer(new WatchedLoss(Loss.l2Loss()), new NanGuardListener());
      basic = trainer(TrainingListener.Defaults.basic());
      basicChecked = trainer(new EpochTrainingListener(), new EvaluatorTrainingListener(), new NanGuardListener(),
          new DivergenceCheckTrainingListener());
      Random random = new Random(1);
      x = new float[BATCH * WIDTH];
      y = new float[BATCH];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextGaussian();
      }
      for (int i = 0; i < y.length; i++) {
        y[i] = (float) random.nextGaussian();
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      for (Trainer t : List.of(plain, checked, own, watched, basic, basicChecked)) {
        t.close();
      }
      models.forEach(Model::close);
    }

    private Trainer trainer(TrainingListener... listeners) {
      return trainer(Loss.l2Loss(), listeners);
    }

    private Trainer trainer(Loss loss, TrainingListener... listeners) {
      // every trainer starts from the same weights, so that both halves of a pair do the same
      // arithmetic on the same values, whatever the order they are made in
      Engine.getInstance().setRandomSeed(1);
      Model model = Model.newInstance("mlp" + models.size());
      models.add(model);
      model.setBlock(new SequentialBlock().add(Linear.builder().setUnits(WIDTH).build()).add(Activation::relu)
          .add(Linear.builder().setUnits(1).build()));
      DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
          .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(1e-3f)).build())
          .addTrainingListeners(listeners);
      Trainer t = model.newTrainer(config);
      t.initialize(new Shape(BATCH, WIDTH));
      return t;
    }

    public float step(Trainer trainer) {
      try (NDManager batchManager = trainer.getManager().newSubManager(); NDScope scope = new NDScope()) {
        NDList data = new NDList(batchManager.create(x, new Shape(BATCH, WIDTH)));
        NDList labels = new NDList(batchManager.create(y, new Shape(BATCH, 1)));
        Batch batch = new Batch(batchManager, data, labels, BATCH, null, null, 0, 1);
        EasyTrain.trainBatch(trainer, batch);
        trainer.step();
        scope.suppressNotUsedWarning();
        return data.head().getShape().get(0);
      }
    }
  }

  /**
   * DJL's L2 loss as a user's own class: the same arithmetic, but a class the listener does not
   * know, so that it evaluates the loss a second time (as for any loss of the user's).
   */
  static final class OwnL2Loss extends L2Loss {}

  /** 1000 codes of dimension 16 and the seed's loss, as written and as generated. */
  @State(Scope.Benchmark)
  public static class Seed {
    private NDManager manager;
    private NDArray codes;
    public final NdSeedLoss plain = new NdSeedLoss();
    public final NdSeedLoss guarded = new GuardedNdSeedLoss();

    @Setup(Level.Trial)
    public void setUp() {
      Engine.getInstance().setRandomSeed(1);
      manager = NDManager.newBaseManager();
      codes = manager.randomNormal(new Shape(1000, 16));
      codes.setRequiresGradient(true);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      manager.close();
    }

    public float run(NdSeedLoss loss) {
      try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray l = loss.loss(codes);
        gc.backward(l);
        scope.suppressNotUsedWarning();
        return l.getFloat();
      }
    }
  }

  @Benchmark
  public float djlmlp_plain(Mlp s) {
    return s.step(s.plain);
  }

  @Benchmark
  public float djlmlp_listener(Mlp s) {
    return s.step(s.checked);
  }

  @Benchmark
  public float djlseed_plain(Seed s) {
    return s.run(s.plain);
  }

  @Benchmark
  public float djlseed_guarded(Seed s) {
    return s.run(s.guarded);
  }

  @Benchmark
  public double djlmlp_pair(Mlp s, PairTimes times) {
    return times.time(() -> s.step(s.plain), () -> s.step(s.checked));
  }

  @Benchmark
  public double djlmlpown_pair(Mlp s, PairTimes times) {
    return times.time(() -> s.step(s.plain), () -> s.step(s.own));
  }

  @Benchmark
  public double djlmlpwatched_pair(Mlp s, PairTimes times) {
    return times.time(() -> s.step(s.plain), () -> s.step(s.watched));
  }

  @Benchmark
  public double djlmlpbasic_pair(Mlp s, PairTimes times) {
    return times.time(() -> s.step(s.basic), () -> s.step(s.basicChecked));
  }

  @Benchmark
  public double djlseed_pair(Seed s, PairTimes times) {
    return times.time(() -> s.run(s.plain), () -> s.run(s.guarded));
  }

  /** Runs the pair benchmarks (JMH options as arguments) and prints checked / plain per workload. */
  public static void main(String[] args) throws Exception {
    PairTimes.printRatios(DjlBench.class, args);
  }
}
