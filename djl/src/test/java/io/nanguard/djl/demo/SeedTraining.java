package io.nanguard.djl.demo;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import ai.djl.translate.TranslateException;

/**
 * The seed's training loop on DJL: 8 codes of dimension 4, plain SGD, one batch per epoch,
 * driven by DJL's own {@link EasyTrain#fit}.
 */
public final class SeedTraining implements AutoCloseable {

  /** Number of codes (rows): the gradient goes bad in rows 0 and N - 1. */
  public static final int N = 8;
  /** Dimension of a code. */
  public static final int DIM = 4;

  private final Model model;
  private final Trainer trainer;
  private final ArrayDataset data;
  private final Loss loss;

  /** A trainer for {@code loss} with the given listeners, codes initialised from a fixed seed. */
  public SeedTraining(Loss loss, TrainingListener... listeners) {
    this.loss = loss;
    Engine.getInstance().setRandomSeed(7);
    model = Model.newInstance("seed");
    model.setBlock(new Codes(N, DIM));
    DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
        .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build())
        .addTrainingListeners(listeners);
    trainer = model.newTrainer(config);
    trainer.initialize(new Shape(1, 1));
    NDManager m = model.getNDManager();
    data = new ArrayDataset.Builder().setData(m.zeros(new Shape(1, 1))).optLabels(m.zeros(new Shape(1, 1)))
        .setSampling(1, false).build();
  }

  /** Runs {@code epochs} epochs of one batch each through {@link EasyTrain#fit}. */
  public void fit(int epochs) {
    try {
      EasyTrain.fit(trainer, epochs, data, null);
    } catch (IOException | TranslateException e) {
      throw new IllegalStateException("SeedTraining: the in-memory dataset failed", e);
    }
  }

  /** The codes parameter as it is now. */
  public NDArray codes() {
    return model.getBlock().getParameters().get(Codes.NAME).getArray();
  }

  /** The trainer. */
  public Trainer trainer() {
    return trainer;
  }

  /** The model's block. */
  public ai.djl.nn.Block block() {
    return model.getBlock();
  }

  /** The loss of the current codes. */
  public float loss() {
    return loss.evaluate(new NDList(), new NDList(codes())).getFloat();
  }

  @Override
  public void close() {
    trainer.close();
    model.close();
  }
}
