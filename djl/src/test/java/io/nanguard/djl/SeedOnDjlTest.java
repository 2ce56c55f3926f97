package io.nanguard.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.nanguard.check.Finding;
import io.nanguard.check.FindingKind;
import io.nanguard.check.Report;
import io.nanguard.djl.demo.Codes;
import io.nanguard.djl.demo.SeedTraining;
import io.nanguard.djl.demo.SegmentLoss;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's loss written against NDArray, trained with DJL's EasyTrain on the real PyTorch engine. */
class SeedOnDjlTest {

  /** The seed loss with its two sqrt calls guarded by hand, as the generated class does. */
  static final class HandGuarded extends SegmentLoss {
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
      NDArray v = predictions.singletonOrThrow();
      NDArray v0 = v.get(0);
      NDArray vN = v.get(v.getShape().get(0) - 1);
      NDArray d1 = NdGuard.sqrt(v.sub(v0).square().sum(new int[] {1}), 1e-8, "SegmentLoss.java:26");
      NDArray d2 = NdGuard.sqrt(v.sub(vN).square().sum(new int[] {1}), 1e-8, "SegmentLoss.java:27");
      return d1.add(d2).sub(v0.sub(vN).norm()).abs().mean();
    }
  }

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
  void theGuardedLossTrainsToASmallLossWithNoErrorAndWarnsAtTheSqrtLines() {
    NanGuardListener listener = new NanGuardListener();
    try (SeedTraining t = new SeedTraining(new HandGuarded(), listener)) {
      float start = t.loss();
      t.fit(200);
      float end = t.loss();
      NdAssertions.assertFinite(t.codes());
      assertTrue(end < 0.02f * start, "loss " + start + " -> " + end);
      Report r = listener.report();
      assertTrue(!r.hasErrors(), r.toString());
      List<Finding> unsafe = r.findings(FindingKind.UNSAFE_INPUT);
      assertEquals(List.of("SegmentLoss.java:26", "SegmentLoss.java:27"),
          unsafe.stream().map(f -> f.site().fileLine()).distinct().toList(), r.toString());
      assertEquals(List.of(0), unsafe.get(0).rows());
      assertEquals(List.of(SeedTraining.N - 1), unsafe.get(1).rows());
    }
  }
}
