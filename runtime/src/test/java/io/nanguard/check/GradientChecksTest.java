package io.nanguard.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.optim.Sgd;
import io.nanguard.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GradientReport, exploding-gradient thresholds, and the parameter checks around an optimizer step. */
class GradientChecksTest {

  private final Tensor w = Tensor.of(new double[] {1, 1, 1, 1, 1, 1}, 3, 2).requiresGrad(true);
  private final Tensor b = Tensor.of(0.5, 0.5).requiresGrad(true);
  private final Map<String, Tensor> params = new LinkedHashMap<>();

  GradientChecksTest() {
    params.put("w", w);
    params.put("b", b);
  }

  /** Gives w the gradient rows (1, 1), (100, 100), (10, 10) times scale, and b the gradient (1, 1). */
  private void backward(double scale) {
    w.zeroGrad();
    b.zeroGrad();
    Tensor rowScale = Tensor.of(new double[] {1, 1, 100, 100, 10, 10}, 3, 2).mul(scale);
    w.mul(rowScale).sum().add(b.sum()).backward();
  }

  @Test
  void gradientReportHasNormMaxNonFiniteAndATable() {
    backward(1);
    GradientReport r = GradientReport.of(params);
    GradientReport.Entry e = r.get("w");
    assertEquals(Math.sqrt(2 + 20000 + 200), e.norm(), 1e-9);
    assertEquals(100, e.maxAbs());
    assertEquals(0, e.nonFinite());
    assertEquals(List.of(1, 2, 0), e.largestRows());
    assertTrue(r.allFinite());
    assertEquals(String.join("\n",
        "parameter  shape   grad norm  max |g|  non-finite  rows",
        "w          [3, 2]  142.1      100.0    0           -",
        "b          [2]     1.414      1.000    0           -"), r.toString());
  }

  @Test
  void gradientReportCountsNonFiniteRowsAndMissingGradients() {
    Tensor p = Tensor.of(new double[] {0, 0, 0, 0}, 2, 2).requiresGrad(true);
    p.sqrt().sum().backward(); // sqrt at 0: every gradient entry is +inf
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("p", p);
    m.put("unused", Tensor.zeros(3).requiresGrad(true));
    GradientReport r = GradientReport.of(m);
    assertEquals(4, r.get("p").nonFinite());
    assertEquals(List.of(0, 1), r.get("p").nonFiniteRows());
    assertFalse(r.get("unused").hasGradient());
    assertFalse(r.allFinite());
    assertTrue(r.toString().contains("unused     [3]     (no gradient)"), r.toString());
  }

  @Test
  void gradientNormAboveTheThresholdWarnsWithTheParameterAndItsLargestRows() {
    AnomalyOptions o = AnomalyOptions.builder().gradientNormThreshold(50).build();
    int line;
    Report r;
    try (Anomaly a = Anomaly.detect(o)) {
      backward(1);
      r = a.checkGradients(params); line = Here.line();
    }
    assertEquals(1, r.findings().size(), r.toString());
    Finding f = r.findings().get(0);
    assertEquals(FindingKind.EXPLODING_GRADIENT, f.kind());
    assertEquals(Severity.WARNING, f.severity());
    assertEquals(line, f.site().line());
    assertEquals(List.of(1, 2, 0), f.rows());
    assertTrue(f.message().startsWith("gradient norm of parameter 'w' is 142.1, above the threshold 50.00"), f.message());
  }

  @Test
  void gradientGrowthAboveTheFactorWarns() {
    AnomalyOptions o = AnomalyOptions.builder().gradientGrowthFactor(10).build();
    try (Anomaly a = Anomaly.detect(o)) {
      backward(1);
      assertTrue(a.checkGradients(params).isEmpty());
      backward(5);
      assertTrue(a.checkGradients(params).isEmpty(), "5x is within the factor");
      backward(500);
      Report r = a.checkGradients(params);
      assertEquals(1, r.findings().size(), r.toString());
      assertTrue(r.findings().get(0).message().contains("'w' grew 100.0x in one step"), r.toString());
    }
  }

  @Test
  void belowTheThresholdsNothingIsReported() {
    AnomalyOptions o = AnomalyOptions.builder().gradientNormThreshold(1e3).gradientGrowthFactor(10).build();
    try (Anomaly a = Anomaly.detect(o)) {
      for (int step = 0; step < 3; step++) {
        backward(1 + step);
        a.checkGradients(params);
      }
      assertTrue(a.report().isEmpty(), a.report().toString());
    }
  }

  @Test
  void aNonFiniteGradientStopsBeforeTheStepAndLeavesParametersUnchanged() {
    Tensor p = Tensor.of(new double[] {0, 1, 4, 0}, 2, 2).requiresGrad(true);
    p.sqrt().sum().backward(); // outside the checker: the gradient is inf in rows 0 and 1
    double[] before = p.toArray();
    Sgd sgd = new Sgd(List.of(p), 0.1);
    NonFiniteException e = assertThrows(NonFiniteException.class, () -> {
      try (Anomaly a = Anomaly.detect()) {
        a.checkGradients(Map.of("p", p));
        sgd.step();
      }
    });
    assertArrayEquals(before, p.toArray());
    assertTrue(e.getMessage().contains("gradient of parameter 'p' is non-finite in rows [0, 1] (2 elements)"),
        e.getMessage());
  }

  @Test
  void checkParametersAfterAStepNamesTheBadRows() {
    Tensor p = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
    p.mul(Tensor.of(new double[] {1, 1, 1e308, 1}, 2, 2)).sum().backward();
    new Sgd(List.of(p), 1e10).step(); // 3 - 1e318 overflows to -inf in row 1
    try (Anomaly a = Anomaly.detect(Checked.COLLECT)) {
      Report r = a.checkParameters(Map.of("p", p));
      assertEquals(1, r.findings().size());
      assertEquals(List.of(1), r.findings().get(0).rows());
      assertTrue(r.findings().get(0).message().startsWith("parameter 'p' holds non-finite values in rows [1]"));
      assertThrows(NonFiniteException.class, a::close);
    }
  }
}
