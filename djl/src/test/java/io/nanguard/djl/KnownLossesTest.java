package io.nanguard.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.nanguard.check.Finding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener.BatchData;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.loss.Loss;
import io.nanguard.check.FindingKind;
import io.nanguard.check.NonFiniteException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The listener's host decision for DJL's L2 and L1 losses against the real engine's evaluation:
 * "finite" only where the engine's loss is finite, on ordinary batches and at the float32 edges.
 */
class KnownLossesTest {

  /** Each built-in loss with a known row, with its default, a unit, a negative and a large weight. */
  private static final List<Supplier<Loss>> LOSSES = List.of(Loss::l2Loss, () -> Loss.l2Loss("l2", 1f),
      () -> Loss.l2Loss("l2", -2f), () -> Loss.l2Loss("l2", 1e30f), Loss::l1Loss, () -> Loss.l1Loss("l1", 1f),
      () -> Loss.l1Loss("l1", -2f), () -> Loss.l1Loss("l1", 1e30f));

  /** Magnitudes from the ordinary to past float32's edges, and the non-finite values. */
  private static final float[] VALUES = {0f, -1.5f, 3f, 1e10f, -1e18f, 1e19f, 1.9e19f, -3e38f, Float.MAX_VALUE,
      Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};

  @Test
  void ordinaryBatchesAreDecidedFiniteWithoutEvaluation() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      Random random = new Random(7);
      for (Supplier<Loss> loss : LOSSES) {
        float[] labels = gaussian(random, 256);
        float[] predictions = gaussian(random, 256);
        BatchData batch = batch(m, labels, new Shape(256), predictions, new Shape(256, 1));
        assertTrue(KnownLosses.finite(loss.get(), batch), loss.get().getName());
        assertTrue(Float.isFinite(engine(loss.get(), batch)));
      }
    }
  }

  @Test
  void finiteIsClaimedOnlyWhereTheEnginesLossIsFinite() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      Random random = new Random(11);
      int claimed = 0;
      int nonFinite = 0;
      for (int trial = 0; trial < 600; trial++) {
        Supplier<Loss> loss = LOSSES.get(trial % LOSSES.size());
        int n = 1 + random.nextInt(4);
        float[] labels = new float[n];
        float[] predictions = new float[n];
        for (int i = 0; i < n; i++) {
          labels[i] = random.nextInt(3) == 0 ? VALUES[random.nextInt(VALUES.length)] : (float) random.nextGaussian();
          predictions[i] = random.nextInt(3) == 0 ? VALUES[random.nextInt(VALUES.length)] : (float) random.nextGaussian();
        }
        BatchData batch = batch(m, labels, new Shape(n, 1), predictions, new Shape(n, 1));
        boolean finite = Float.isFinite(engine(loss.get(), batch));
        boolean decided = KnownLosses.finite(loss.get(), batch);
        assertFalse(decided && !finite, () -> loss.get().getName() + " claimed finite on labels "
            + java.util.Arrays.toString(labels) + ", predictions " + java.util.Arrays.toString(predictions));
        claimed += decided ? 1 : 0;
        nonFinite += finite ? 0 : 1;
      }
      // both sides of the decision were exercised
      assertTrue(claimed > 100, "claimed " + claimed);
      assertTrue(nonFinite > 100, "non-finite " + nonFinite);
    }
  }

  @Test
  void theFloat32EdgesAreLeftToTheEngine() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      // each difference squared is finite (2.25e38), their float32 sum is not
      float[] big = {1.5e19f, -1.5e19f};
      BatchData overflow = batch(m, big, new Shape(2, 1), new float[2], new Shape(2, 1));
      assertEquals(Float.POSITIVE_INFINITY, engine(Loss.l2Loss("l2", 1f), overflow));
      assertFalse(KnownLosses.finite(Loss.l2Loss("l2", 1f), overflow));
      // the difference itself overflows
      BatchData difference = batch(m, new float[] {3e38f}, new Shape(1, 1), new float[] {-3e38f}, new Shape(1, 1));
      assertFalse(Float.isFinite(engine(Loss.l1Loss(), difference)));
      assertFalse(KnownLosses.finite(Loss.l1Loss(), difference));
      // the mean of an empty batch is NaN
      BatchData empty = batch(m, new float[0], new Shape(0, 1), new float[0], new Shape(0, 1));
      assertTrue(Float.isNaN(engine(Loss.l2Loss(), empty)));
      assertFalse(KnownLosses.finite(Loss.l2Loss(), empty));
      // a NaN weight
      BatchData ordinary = batch(m, new float[] {1f}, new Shape(1, 1), new float[] {2f}, new Shape(1, 1));
      assertTrue(Float.isNaN(engine(Loss.l2Loss("l2", Float.NaN), ordinary)));
      assertFalse(KnownLosses.finite(Loss.l2Loss("l2", Float.NaN), ordinary));
    }
  }

  @Test
  void otherLossesTypesAndSubclassesAreNotDecided() {
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      BatchData ordinary = batch(m, new float[] {1f, 2f}, new Shape(2, 1), new float[] {2f, 0f}, new Shape(2, 1));
      // a subclass may compute anything: here a NaN from the same inputs
      Loss subclass = new L2Loss() {
        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
          return super.evaluate(labels, predictions).neg().log();
        }
      };
      assertTrue(Float.isNaN(engine(subclass, ordinary)));
      assertFalse(KnownLosses.finite(subclass, ordinary));
      assertFalse(KnownLosses.finite(Loss.softmaxCrossEntropyLoss(), ordinary));
      NDList doubles = new NDList(m.create(new double[] {1, 2}, new Shape(2, 1)));
      BatchData float64 = new BatchData(null, Map.of(Device.cpu(), doubles), Map.of(Device.cpu(), doubles));
      assertEquals(DataType.FLOAT64, doubles.head().getDataType());
      assertFalse(KnownLosses.finite(Loss.l2Loss(), float64));
    }
  }

  @Test
  void theListenerSkipsTheEvaluationOfAFiniteL2LossAndStillStopsANonFiniteOneNamingItsRows() {
    NanGuardListener listener = new NanGuardListener();
    try (Model model = Model.newInstance("known-losses")) {
      model.setBlock(Linear.builder().setUnits(1).build());
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss())
          .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build())
          .addTrainingListeners(listener))) {
        trainer.initialize(new Shape(3, 1));
        NDManager m = trainer.getManager();
        BatchData ordinary = batch(m, new float[] {1f, 0f, 2f}, new Shape(3, 1), new float[] {0f, 1f, 2f},
            new Shape(3, 1));
        assertEquals(Map.of(), BatchLoss.of(trainer, ordinary, listener), "nothing evaluated");
        BatchData bad = batch(m, new float[] {1f, Float.NaN, 2f}, new Shape(3, 1), new float[] {0f, 1f, 2f},
            new Shape(3, 1));
        assertEquals(1, BatchLoss.of(trainer, bad, listener).size(), "evaluated again, to name what is wrong");

        NDArray weight = trainer.getModel().getBlock().getParameters().valueAt(0).getArray();
        float[] before = weight.toFloatArray();
        NDList x = new NDList(m.create(new float[] {1f, 2f, 3f}, new Shape(3, 1)));
        NDList y = new NDList(m.create(new float[] {1f, Float.NaN, 2f}, new Shape(3, 1)));
        NonFiniteException e = assertThrows(NonFiniteException.class, () -> {
          EasyTrain.trainBatch(trainer, new Batch(m, x, y, 3, null, null, 0, 1));
          trainer.step();
        });
        Finding loss = e.report().findings().stream().filter(f -> f.kind() == FindingKind.NON_FINITE_FORWARD)
            .findFirst().orElseThrow();
        assertTrue(loss.message().contains("loss 'L2Loss'"), loss.message());
        assertArrayEquals(before, weight.toFloatArray(), "the step did not run");
      }
    }
  }

  private static float engine(Loss loss, BatchData batch) {
    Map.Entry<Device, NDList> e = batch.getPredictions().entrySet().iterator().next();
    return loss.evaluate(batch.getLabels().get(e.getKey()), e.getValue()).getFloat();
  }

  private static BatchData batch(NDManager m, float[] labels, Shape labelShape, float[] predictions,
      Shape predictionShape) {
    NDList l = new NDList(m.create(labels, labelShape));
    NDList p = new NDList(m.create(predictions, predictionShape));
    Batch batch = new Batch(m, p, l, labels.length, null, null, 0, 1);
    return new BatchData(batch, Map.of(Device.cpu(), l), Map.of(Device.cpu(), p));
  }

  private static float[] gaussian(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
