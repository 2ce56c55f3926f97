package io.nanguard.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.listener.EvaluatorTrainingListener;
import io.nanguard.check.NonFiniteException;
import io.nanguard.djl.demo.GuardedSegmentLoss;
import java.util.Map;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.nanguard.check.Anomaly;
import io.nanguard.check.AnomalyOptions;
import io.nanguard.check.Finding;
import io.nanguard.check.FindingKind;
import io.nanguard.check.Report;
import io.nanguard.djl.demo.Codes;
import io.nanguard.djl.demo.SeedTraining;
import io.nanguard.djl.demo.SegmentLoss;
import io.nanguard.guard.GuardStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The listener's modes and checks, on DJL's EasyTrain with the real engine. */
class NanGuardListenerTest {

  private static final String SITE_28 = "SegmentLoss.java:28";

  /** A loss whose value is NaN (log of a negative number) but whose gradient is finite where it exists. */
  static final class NanLoss extends SegmentLoss {
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
      return predictions.singletonOrThrow().square().sum().neg().sub(1f).log();
    }
  }

  /** A loss with a large, finite gradient: 1000 times the codes' sum of squares. */
  static final class SteepLoss extends SegmentLoss {
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
      return predictions.singletonOrThrow().square().sum().mul(1000f);
    }
  }

  /** The generated guarded loss, counting how often DJL and NaNGuard evaluate it. */
  static final class CountedLoss extends GuardedSegmentLoss {
    int evaluations;

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
      evaluations++;
      return super.evaluate(labels, predictions);
    }
  }

  @Test
  void withoutAnEvaluatorTheListenerEvaluatesTheLossAgainButItsGuardsCountOneCallPerStep() {
    CountedLoss loss = new CountedLoss();
    try (SeedTraining t = new SeedTraining(loss, new NanGuardListener())) {
      long before = GuardStats.of(SITE_28).calls();
      t.fit(2);
      assertEquals(4, loss.evaluations, "one evaluation by EasyTrain and one by the listener per batch");
      assertEquals(2, GuardStats.of(SITE_28).calls() - before, "the listener's evaluation is not counted");
    }
  }

  @Test
  void afterDjlsEvaluatorListenerTheLossIsReadFromItsAccumulatorNotEvaluatedAgain() {
    CountedLoss loss = new CountedLoss();
    NanGuardListener listener = new NanGuardListener();
    try (SeedTraining t = new SeedTraining(loss, new EvaluatorTrainingListener(), listener)) {
      t.fit(2);
      assertEquals(4, loss.evaluations, "one evaluation by EasyTrain and one by DJL's evaluator per batch, none by NaNGuard");
      assertFalse(listener.report().hasErrors(), listener.report().toString());
    }
    // the other order: the accumulator would still hold the previous batch, so NaNGuard evaluates
    CountedLoss second = new CountedLoss();
    try (SeedTraining t = new SeedTraining(second, new NanGuardListener(), new EvaluatorTrainingListener())) {
      t.fit(2);
      assertEquals(6, second.evaluations);
    }
  }

  @Test
  void aNonFiniteLossSeenByDjlsEvaluatorIsEvaluatedAgainToNameTheRows() {
    Report r;
    try (SeedTraining t = new SeedTraining(new NanLoss(), new EvaluatorTrainingListener(), new NanGuardListener())) {
      float[] before = t.codes().toFloatArray();
      r = assertThrows(NonFiniteException.class, () -> t.fit(1)).report();
      assertArrayEquals(before, t.codes().toFloatArray(), 0f);
    }
    Finding loss = r.findings(FindingKind.NON_FINITE_FORWARD).get(0);
    assertTrue(loss.message().startsWith("loss 'segment' on cpu() is non-finite"), loss.message());
  }

  @Test
  void theGradientCheckedIsTheOneInTheParameterStoresCopyNotGetArrays() {
    // A store that copies even on the parameter's own device, as a trainer's store copies onto a
    // second device: the listener reads each device's array from the store. (On one CPU the copy
    // shares its tensor with getArray(): PyTorch's to() on the same device returns the tensor.)
    try (NDManager m = NDManager.newBaseManager()) {
      Codes block = new Codes(SeedTraining.N, SeedTraining.DIM);
      block.initialize(m, DataType.FLOAT32, new Shape(1, 1));
      ParameterStore store = new ParameterStore(m, true);
      Device[] devices = {Device.cpu()};
      // made before training, as Trainer.initialize makes every device's copy
      store.getValue(block.getParameters().get(Codes.NAME), Device.cpu(), true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDList out = block.forward(store, new NDList(m.zeros(new Shape(1, 1))), true);
        gc.backward(new SegmentLoss().evaluate(new NDList(), out));
      }
      List<DeviceParameters.Copy> copies = new DeviceParameters(block.getParameters(), store, devices).copies();
      assertEquals(1, copies.size());
      assertSame(store.getValue(block.getParameters().get(Codes.NAME), Device.cpu(), true), copies.get(0).array());
      assertNotSame(block.getParameters().get(Codes.NAME).getArray(), copies.get(0).array());

      NanGuardListener listener = new NanGuardListener(AnomalyOptions.builder().collectAll().build());
      listener.check("segment", Map.of(), copies, new NanGuardListener.CallerSite());
      Finding g = listener.report().findings(FindingKind.NON_FINITE_GRADIENT).get(0);
      assertEquals(List.of(0, SeedTraining.N - 1), g.rows());
      assertTrue(g.message().contains("parameter '" + Codes.NAME + "' is"), "one device: DJL's name alone: " + g.message());
    }
  }

  @Test
  void aTrainersParametersAreListedOncePerDeviceWithDjlsNames() {
    try (SeedTraining t = new SeedTraining(new SegmentLoss())) {
      List<DeviceParameters.Copy> copies = DeviceParameters.of(t.trainer()).copies();
      assertEquals(List.of(Codes.NAME), copies.stream().map(DeviceParameters.Copy::name).toList());
      // one device: the store hands out the parameter's own array, which holds the gradient
      assertSame(t.codes(), copies.get(0).array());
      assertEquals(Device.cpu(), copies.get(0).device());
    }
  }

  @Test
  void aSumIsNonFiniteWheneverAnElementIsSoTheFastPathMissesNothing() {
    // Off the CPU, or for a type other than float32, the listener's one reduction per gradient is
    // a sum: on the engine, one NaN or inf anywhere makes it non-finite, whatever else the array holds.
    try (NDManager m = NDManager.newBaseManager()) {
      float big = 1e30f;
      assertTrue(Float.isNaN(m.create(new float[] {big, Float.NaN, -big}).sum().getFloat()));
      assertEquals(Float.POSITIVE_INFINITY, m.create(new float[] {-big, Float.POSITIVE_INFINITY, 1f}).sum().getFloat());
      assertTrue(Float.isNaN(m.create(new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}).sum().getFloat()));
    }
  }

  @Test
  void aFiniteGradientWhoseSumOverflowsIsCheckedExactlyAndFoundClean() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f}, new Shape(2, 4));
      x.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(x.mul(3e38f).sum()); // every gradient entry is 3e38: finite, their sum is not
      }
      assertEquals(Float.POSITIVE_INFINITY, x.getGradient().sum().getFloat());
      NanGuardListener listener = new NanGuardListener(AnomalyOptions.builder().collectAll().build());
      listener.check("l", Map.of(), List.of(new DeviceParameters.Copy("w", Device.cpu(), x)),
          new NanGuardListener.CallerSite());
      assertTrue(listener.report().isEmpty(), listener.report().toString());
    }
  }

  @Test
  void theHostScanAndTheEnginesReductionsFindTheSameRows() {
    // float32 on the CPU is scanned on the host; float64, and any gradient when a norm threshold
    // is set, are reduced on the device: each finds the infinite gradient of sqrt at 0 in row 1 only
    for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
      for (AnomalyOptions options : new AnomalyOptions[] {AnomalyOptions.builder().collectAll().build(),
          AnomalyOptions.builder().collectAll().gradientNormThreshold(1e30).build()}) {
        try (NDManager m = NDManager.newBaseManager()) {
          NDArray x = m.create(new float[] {1f, 4f, 9f, 16f, 0f, 1f, 4f, 9f, 1f, 1f, 1f, 1f}, new Shape(3, 4)).toType(type,
              false);
          x.setRequiresGradient(true);
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(x.sqrt().sum());
          }
          NanGuardListener listener = new NanGuardListener(options);
          listener.check("l", Map.of(Device.cpu(), m.create(0.5f).toType(type, false)),
              List.of(new DeviceParameters.Copy("w", Device.cpu(), x)), new NanGuardListener.CallerSite());
          Report r = listener.report();
          assertEquals(1, r.findings(FindingKind.NON_FINITE_GRADIENT).size(), type + ": " + r);
          assertEquals(List.of(1), r.findings(FindingKind.NON_FINITE_GRADIENT).get(0).rows(), type + ": " + r);
          assertTrue(r.findings(FindingKind.NON_FINITE_FORWARD).isEmpty(), type + ": the loss 0.5 is finite: " + r);
        }
      }
    }
  }

  @Test
  void aNonFiniteLossArrayIsFoundByTheHostScan() {
    try (NDManager m = NDManager.newBaseManager()) {
      NanGuardListener listener = new NanGuardListener(AnomalyOptions.builder().collectAll().build());
      listener.check("per-sample", Map.of(Device.cpu(), m.create(new float[] {0.5f, 1f, Float.POSITIVE_INFINITY})),
          List.of(), new NanGuardListener.CallerSite());
      Finding loss = listener.report().findings(FindingKind.NON_FINITE_FORWARD).get(0);
      assertTrue(loss.message().startsWith("loss 'per-sample' on cpu() is non-finite"), loss.message());
    }
  }

  @Test
  void collectModeRecordsEveryBatchAndLetsTrainingRun() {
    NanGuardListener listener = new NanGuardListener(AnomalyOptions.builder().collectAll().build());
    try (SeedTraining t = new SeedTraining(new SegmentLoss(), listener)) {
      t.fit(2);
      Report r = listener.report();
      assertTrue(r.hasErrors(), r.toString());
      Finding grad = r.findings(FindingKind.NON_FINITE_GRADIENT).get(0);
      assertEquals(List.of(0, 7), grad.rows());
      // the first step wrote NaN into rows 0 and 7, which the second batch finds in the parameter
      Finding param = r.findings(FindingKind.NON_FINITE_INPUT).get(0);
      assertTrue(param.message().contains("parameter '" + Codes.NAME + "' holds non-finite values in rows [0, 7]"),
          param.message());
      assertTrue(r.toJson().contains("\"kind\":\"NON_FINITE_INPUT\""), r.toJson());
    }
  }

  @Test
  void aNonFiniteLossIsAnErrorNamingTheLoss() {
    Report r = Stopped.beforeTheStep(new NanLoss(), new NanGuardListener());
    Finding loss = r.findings(FindingKind.NON_FINITE_FORWARD).get(0);
    assertEquals("loss", loss.op());
    assertTrue(loss.message().startsWith("loss 'segment' on cpu() is non-finite"), loss.message());
  }

  @Test
  void explodingGradientsAreWarningsThatDoNotStopTraining() {
    NanGuardListener listener = new NanGuardListener(AnomalyOptions.builder().gradientNormThreshold(10).build());
    try (SeedTraining t = new SeedTraining(new SteepLoss(), listener)) {
      float[] before = t.codes().toFloatArray();
      NDArray g = t.codes().mul(2000f);
      float norm = g.norm().getFloat();
      t.fit(1);
      Report r = listener.report();
      assertFalse(r.hasErrors(), r.toString());
      Finding w = r.findings(FindingKind.EXPLODING_GRADIENT).get(0);
      assertTrue(w.message().startsWith("gradient norm of parameter '" + Codes.NAME + "' is "), w.message());
      assertTrue(w.message().contains(", above the threshold 10.00"), w.message());
      assertTrue(norm > 10);
      assertFalse(java.util.Arrays.equals(before, t.codes().toFloatArray()), "a warning lets the step run");
    }
  }

  @Test
  void gradientGrowthIsAWarning() {
    NanGuardListener listener = new NanGuardListener(AnomalyOptions.builder().gradientGrowthFactor(1.5).build());
    try (SeedTraining t = new SeedTraining(new SteepLoss(), listener)) {
      // the gradient 2000 v with lr 0.05 makes each step v -> -99 v: the norm grows 99x per step
      t.fit(2);
      Finding w = listener.report().findings(FindingKind.EXPLODING_GRADIENT).get(0);
      assertTrue(w.message().contains("' grew 99.0"), w.message());
    }
  }

  @Test
  void aGuardThatEngagesUnderAnAnomalyScopeWarnsAtTheUsersLine() {
    String site = "MyLoss.java:42";
    try (NDManager m = NDManager.newBaseManager();
        Anomaly a = Anomaly.detect(AnomalyOptions.builder().collectAll().build())) {
      NDArray x = m.create(new float[] {0f, 1f, 0f, 4f}, new ai.djl.ndarray.types.Shape(2, 2));
      NdGuard.sqrt(x, 1e-8, site);
      Report r = a.report();
      Finding f = r.findings(FindingKind.UNSAFE_INPUT).get(0);
      assertEquals(site, f.site().fileLine());
      assertEquals("sqrt", f.op());
      assertEquals(List.of(0, 2), f.indices());
      assertEquals(List.of(0, 1), f.rows());
      assertTrue(f.toString().startsWith("MyLoss.java:42: warning: [nanguard:sqrt] sqrt input is at or beyond its"
          + " singular point in rows [0, 1] (2 elements); the guard sqrt(max(x, 0) + eps) with eps 1.0E-8 (float32)"),
          f.toString());
      assertEquals(2, GuardStats.of(site).engagedElements());
    }
  }

  @Test
  void withoutACheckAGuardCountsItsCallsOnly() {
    String site = "Quiet.java:1";
    try (NDManager m = NDManager.newBaseManager()) {
      NdGuard.log(m.create(new float[] {0f}), 1e-8, site);
      assertEquals(1, GuardStats.of(site).calls());
      assertEquals(0, GuardStats.of(site).engagedCalls(), "engagement is measured only while a check is on");
    }
  }

  @Test
  void afterTheTrainerClosesGuardsNoLongerReportToTheListener() {
    NanGuardListener listener = new NanGuardListener();
    new SeedTraining(new SegmentLoss(), listener).close();
    try (NDManager m = NDManager.newBaseManager()) {
      NdGuard.sqrt(m.create(new float[] {0f}), 1e-8, "After.java:1");
    }
    assertTrue(listener.report().isEmpty(), listener.report().toString());
  }
}
