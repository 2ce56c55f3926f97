package io.nanguard.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import io.nanguard.check.Finding;
import io.nanguard.check.FindingKind;
import io.nanguard.check.Report;
import io.nanguard.djl.demo.Codes;
import io.nanguard.djl.demo.GuardedSegmentLoss;
import io.nanguard.djl.demo.SeedTraining;
import io.nanguard.djl.demo.SegmentLoss;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed's loss written against NDArray, trained with DJL's EasyTrain on the real PyTorch
 * engine: the plain loss stopped by the listener before the step; the class NaNGuard's processor
 * generated from it (GuardedSegmentLoss, from this module's test compilation) trained to a small loss.
 */
class SeedOnDjlTest {

  @Test
  void theListenerStopsThePlainLossBeforeTheStepNamingTheParameterAndRows() {
    NanGuardListener listener = new NanGuardListener();
    Report r = Stopped.beforeTheStep(new SegmentLoss(), listener);
    List<Finding> grads = r.findings(FindingKind.NON_FINITE_GRADIENT);
    assertEquals(1, grads.size(), r.toString());
    Finding g = grads.get(0);
    assertEquals("grad", g.op());
    assertTrue(g.message().contains("parameter '" + Codes.NAME + "'"), g.message());
    assertEquals(List.of(0, SeedTraining.N - 1), g.rows());
    assertEquals(2 * SeedTraining.DIM, g.count());
    assertTrue(r.toString().contains("in rows [0, 7] (8 elements)"), r.toString());
    assertTrue(r.findings(FindingKind.NON_FINITE_FORWARD).isEmpty(), "the loss itself is finite: " + r);
    assertEquals("SeedTraining.java", g.site().file(), "the site is the line that calls EasyTrain.fit");
    assertTrue(r.toJson().contains("\"rows\":[0,7]"), r.toJson());
    assertEquals(r.toString(), listener.report().toString());
  }

  @Test
  void theGuardedLossIsFiniteInValueAndGradientWhereThePlainOneIsNot() {
    // each in a fresh model (same seed, same codes): PyTorch accumulates gradients, and NaN stays
    for (Loss loss : List.of(new SegmentLoss(), new GuardedSegmentLoss())) {
      try (SeedTraining t = new SeedTraining(loss)) {
        NDArray value;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          value = loss.evaluate(new NDList(), new NDList(t.codes()));
          gc.backward(value);
        }
        NdAssertions.assertFinite(value);
        if (loss instanceof GuardedSegmentLoss) {
          NdAssertions.assertGradientsFinite(t.block());
        } else {
          AssertionError e = assertThrows(AssertionError.class, () -> NdAssertions.assertGradientsFinite(t.block()));
          assertTrue(e.getMessage().endsWith("[0, 7]"), "rows 0 and 7 (v0 and vN) are NaN: " + e.getMessage());
        }
      }
    }
  }

  @Test
  void theGuardedLossTrainsToASmallLossWithNoErrorAndWarnsAtTheSqrtLines() {
    NanGuardListener listener = new NanGuardListener();
    try (SeedTraining t = new SeedTraining(new GuardedSegmentLoss(), listener)) {
      float start = t.loss();
      t.fit(200);
      float end = t.loss();
      NdAssertions.assertFinite(t.codes());
      assertTrue(end < 0.02f * start, "loss " + start + " -> " + end);
      Report r = listener.report();
      assertTrue(!r.hasErrors(), r.toString());
      List<Finding> unsafe = r.findings(FindingKind.UNSAFE_INPUT);
      assertEquals(List.of("SegmentLoss.java:28", "SegmentLoss.java:29"),
          unsafe.stream().map(f -> f.site().fileLine()).distinct().toList(), r.toString());
      assertEquals(List.of(0), unsafe.get(0).rows());
      assertEquals(List.of(SeedTraining.N - 1), unsafe.get(1).rows());
    }
  }
}
