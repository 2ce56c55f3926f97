package io.nanguard.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListener.BatchData;
import io.nanguard.check.Finding;
import io.nanguard.check.FindingKind;
import io.nanguard.check.Report;
import io.nanguard.djl.demo.SeedTraining;
import io.nanguard.djl.demo.SegmentLoss;
import io.nanguard.guard.GuardStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A watched loss hands the listener the value the step backpropagated: no second evaluation. */
class WatchedLossTest {

  /** A finite loss (the guarded one), counting its evaluations and remembering what it returned. */
  static final class Counted extends io.nanguard.djl.demo.GuardedSegmentLoss {
    int evaluations;
    NDArray last;

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
      evaluations++;
      last = super.evaluate(labels, predictions);
      return last;
    }
  }

  /** Runs {@code body} on each training batch's data, as a listener after the step's backward. */
  record OnBatch(java.util.function.Consumer<BatchData> body) implements TrainingListener {
    @Override public void onTrainingBatch(ai.djl.training.Trainer trainer, BatchData batchData) { body.accept(batchData); }
    @Override public void onEpoch(ai.djl.training.Trainer trainer) {}
    @Override public void onValidationBatch(ai.djl.training.Trainer trainer, BatchData batchData) {}
    @Override public void onTrainingBegin(ai.djl.training.Trainer trainer) {}
    @Override public void onTrainingEnd(ai.djl.training.Trainer trainer) {}
  }

  @Test
  void theListenerChecksTheBackpropagatedValueAndEvaluatesNothing() {
    Counted inner = new Counted();
    NanGuardListener listener = new NanGuardListener();
    try (SeedTraining t = new SeedTraining(new WatchedLoss(inner), listener)) {
      long before = GuardStats.of("SegmentLoss.java:28").calls();
      t.fit(2);
      assertEquals(2, inner.evaluations, "one evaluation per batch, EasyTrain's");
      assertEquals(2, GuardStats.of("SegmentLoss.java:28").calls() - before);
      // the guard's warnings from the step's own evaluation, and no error
      assertFalse(listener.report().hasErrors(), listener.report().toString());
      assertFalse(listener.report().findings(FindingKind.UNSAFE_INPUT).isEmpty(), listener.report().toString());
    }
  }

  @Test
  void aNonFiniteBackpropagatedLossStopsTheStepNamingTheLoss() {
    Report r = Stopped.beforeTheStep(new WatchedLoss(new NanGuardListenerTest.NanLoss()), new NanGuardListener());
    Finding loss = r.findings(FindingKind.NON_FINITE_FORWARD).get(0);
    assertTrue(loss.message().startsWith("loss 'segment' on cpu() is non-finite"), loss.message());
  }

  @Test
  void onlyAValueOfThisBatchsOwnLabelsAndPredictionsIsTakenAndOnlyOnce() {
    Counted inner = new Counted();
    WatchedLoss watched = new WatchedLoss(inner);
    List<String> seen = new ArrayList<>();
    OnBatch probe = new OnBatch(batch -> {
      NDArray backpropagated = inner.last;
      Map<Device, NDArray> taken = watched.take(batch);
      assertEquals(Map.of(Device.cpu(), backpropagated), taken);
      assertSame(backpropagated, taken.get(Device.cpu()), "the very array EasyTrain backpropagated");
      assertNull(watched.take(batch), "taken once");
      // an evaluation of other inputs (equal in content, other objects) is not this batch's
      NDList predictions = batch.getPredictions().get(Device.cpu());
      watched.evaluate(batch.getLabels().get(Device.cpu()), new NDList(predictions.singletonOrThrow()));
      assertNull(watched.take(batch));
      seen.add("batch");
    });
    try (SeedTraining t = new SeedTraining(watched, probe)) {
      t.fit(2);
    }
    assertEquals(List.of("batch", "batch"), seen);
  }

  @Test
  void accumulatorsAreTheWrappedLosses() {
    Counted inner = new Counted();
    WatchedLoss watched = new WatchedLoss(inner);
    try (SeedTraining t = new SeedTraining(watched)) {
      NDList predictions = new NDList(t.codes());
      float value = inner.evaluate(new NDList(), predictions).getFloat();
      watched.addAccumulator("k");
      watched.updateAccumulator("k", new NDList(), predictions);
      assertEquals(value, inner.getAccumulator("k"), 1e-6f * Math.abs(value), "accumulated in the wrapped loss");
      assertEquals(inner.getAccumulator("k"), watched.getAccumulator("k"));
      watched.resetAccumulator("k");
      assertTrue(Float.isNaN(inner.getAccumulator("k")), "reset in the wrapped loss: no instances, NaN (DJL's convention)");
    }
  }

  @Test
  void withDjlsEvaluatorListenerNothingIsEvaluatedBeyondDjlsTwoEvaluations() {
    Counted inner = new Counted();
    NanGuardListener listener = new NanGuardListener();
    try (SeedTraining t = new SeedTraining(new WatchedLoss(inner), new EvaluatorTrainingListener(), listener)) {
      t.fit(2);
      assertEquals(4, inner.evaluations, "EasyTrain's and DJL's evaluator's, none by NaNGuard");
      assertFalse(listener.report().hasErrors(), listener.report().toString());
    }
  }

  @Test
  void aNullLossIsRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WatchedLoss(null));
    assertTrue(e.getMessage().contains("WatchedLoss"), e.getMessage());
  }
}
