package io.nanguard.check;

import static io.nanguard.check.Checked.collect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.nn.Losses;
import io.nanguard.tensor.Tensor;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per check, each asserting the reported line and elements, each with a safe twin that
 * must produce nothing.
 */
class CheckKindsTest {

  private static final String FILE = "CheckKindsTest.java";
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  private int line;

  private static Tensor grad(double... v) {
    return Tensor.of(v).requiresGrad(true);
  }

  private void assertOnly(Report r, FindingKind kind, String op, List<Integer> indices) {
    assertEquals(1, r.findings().size(), r.toString());
    assertIs(r.findings().get(0), kind, op, indices);
  }

  private void assertIs(Finding f, FindingKind kind, String op, List<Integer> indices) {
    assertEquals(kind, f.kind(), f.toString());
    assertEquals(op, f.op(), f.toString());
    assertEquals(FILE, f.site().file(), f.toString());
    assertEquals(line, f.site().line(), f.toString());
    assertEquals(indices, f.indices(), f.toString());
  }

  /** A warning on the unsafe input, then the error on the value it produced, both on the op's line. */
  private void assertWarningThenError(Report r, String op, List<Integer> indices) {
    assertEquals(2, r.findings().size(), r.toString());
    assertIs(r.findings().get(0), FindingKind.UNSAFE_INPUT, op, indices);
    assertIs(r.findings().get(1), FindingKind.NON_FINITE_FORWARD, op, indices);
  }

  private static void assertClean(Report r) {
    assertTrue(r.isEmpty(), r.toString());
  }

  @Test
  void sqrtAtZeroWhileAGradientFlowsIsAWarningWithRows() {
    Tensor x = Tensor.of(new double[] {1, 0, 4, 9, 2, 0}, 3, 2).requiresGrad(true);
    Report r = collect(() -> {
      x.sqrt(); line = Here.line();
    });
    assertOnly(r, FindingKind.UNSAFE_INPUT, "sqrt", List.of(1, 5));
    assertEquals(List.of(0, 2), r.findings().get(0).rows());
    assertEquals(Severity.WARNING, r.findings().get(0).severity());
    assertTrue(r.findings().get(0).message().contains("sqrt(s + 1e-8)"), r.toString());
  }

  @Test
  void sqrtSafeTwins() {
    Tensor x = Tensor.of(new double[] {1, 0, 4, 9, 2, 0}, 3, 2);
    assertClean(collect(() -> x.detach().requiresGrad(true).add(1e-8).sqrt().sum().backward()));
    assertClean(collect(() -> x.sqrt())); // no gradient flows: sqrt(0) = 0 is fine
    assertClean(collect(() -> x.detach().requiresGrad(true).norm(1).sum().backward()));
  }

  @Test
  void rsqrtAtZero() {
    Report r = collect(() -> {
      grad(4, 0).rsqrt(); line = Here.line();
    });
    assertWarningThenError(r, "rsqrt", List.of(1));
    assertClean(collect(() -> grad(4, 0).add(1e-8).rsqrt().sum().backward()));
  }

  @Test
  void powBelowOneAtZero() {
    Report r = collect(() -> {
      grad(0, 1).pow(0.5); line = Here.line();
    });
    assertOnly(r, FindingKind.UNSAFE_INPUT, "pow", List.of(0));
    assertClean(collect(() -> grad(0, 1).pow(2).sum().backward()));
    assertClean(collect(() -> grad(0, 1).add(1e-8).pow(0.5).sum().backward()));
  }

  @Test
  void logAtOrBelowZero() {
    Report r = collect(() -> {
      Tensor.of(1, 0, -1).log(); line = Here.line();
    });
    assertWarningThenError(r, "log", List.of(1, 2));
    assertTrue(r.findings().get(0).message().contains("clampMin(1e-12)"), r.toString());
    assertClean(collect(() -> grad(1, 0, 2).clampMin(1e-12).log().sum().backward()));
  }

  @Test
  void divisionByZero() {
    Tensor a = Tensor.of(1, 2, 3);
    Report r = collect(() -> {
      a.div(Tensor.of(2, 0, 1)); line = Here.line();
    });
    assertWarningThenError(r, "div", List.of(1));
    assertTrue(r.findings().get(0).message().startsWith("div divisor is 0.0 at [1]"), r.toString());
    assertClean(collect(() -> a.div(Tensor.of(2, 0, 1).clampMin(1e-12))));
  }

  @Test
  void divisionByTheScalarZero() {
    Report r = collect(() -> {
      Tensor.of(1, 2).div(0.0); line = Here.line();
    });
    assertEquals(FindingKind.UNSAFE_INPUT, r.findings().get(0).kind(), r.toString());
    assertEquals(List.of(), r.findings().get(0).shape());
    assertIs(r.findings().get(1), FindingKind.NON_FINITE_FORWARD, "div", List.of(0, 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"acos", "asin"})
  void acosAndAsinAtOneWhileAGradientFlows(String op) {
    UnaryOperator<Tensor> f = op.equals("acos") ? Tensor::acos : Tensor::asin;
    Report atOne = collect(() -> {
      f.apply(grad(0.5, 1, -1)); line = Here.line();
    });
    assertOnly(atOne, FindingKind.UNSAFE_INPUT, op, List.of(1, 2));
    Report beyond = collect(() -> {
      f.apply(grad(0.5, 1.5)); line = Here.line();
    });
    assertWarningThenError(beyond, op, List.of(1));
    assertClean(collect(() -> f.apply(grad(0.5, 1, -1).clamp(-1 + 1e-7, 1 - 1e-7)).sum().backward()));
  }

  @Test
  void expOverflow() {
    Report r = collect(() -> {
      Tensor.of(1, 800).exp(); line = Here.line();
    });
    assertWarningThenError(r, "exp", List.of(1));
    assertTrue(r.findings().get(0).message().contains("logSumExp"), r.toString());
    // The unstable composition log(sum(exp(x))) overflows; its stable form does not.
    assertClean(collect(() -> grad(1, 800).logSumExp(0).backward()));
    assertClean(collect(() -> grad(1, 800).softmax(0).select(0, 1).backward()));
  }

  @Test
  void nonFiniteForwardFromFiniteInputs() {
    Report r = collect(() -> {
      Tensor.of(1e200, 1).mul(Tensor.of(1e200, 1)); line = Here.line();
    });
    assertOnly(r, FindingKind.NON_FINITE_FORWARD, "mul", List.of(0));
    assertEquals(Severity.ERROR, r.findings().get(0).severity());
    assertClean(collect(() -> Tensor.of(1e100, 1).mul(Tensor.of(1e100, 1))));
  }

  @Test
  void fusedCrossEntropyIsCheckedAsOneOpAtTheCallersLine() {
    Tensor logits = Tensor.of(new double[] {0, 1, 2, NAN, 4, 5}, 2, 3).requiresGrad(true);
    Report r = collect(() -> {
      Losses.crossEntropy(logits, new int[] {0, 2}); line = Here.line();
    });
    assertOnly(r, FindingKind.NON_FINITE_INPUT, "crossEntropy", List.of(3));
    assertEquals(List.of(1), r.findings().get(0).rows());
    Tensor clean = Tensor.of(new double[] {0, 1, 2, -1000, 4, 800}, 2, 3).requiresGrad(true);
    assertClean(collect(() -> Losses.crossEntropy(clean, new int[] {0, 2}).backward()));
  }

  @Test
  void aGradientSkippedForAFiniteLogSumExpIsStillScannedWhenItsOutputIsNot() {
    Tensor x = Tensor.of(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, 1, 2).requiresGrad(true);
    Report r = collect(() -> x.logSumExp(1).sum().backward());
    // lse = -inf (reported from a non-finite input), and its gradient, 0 * 1 / 0 = NaN, reaches the leaf.
    assertTrue(r.findings().stream().anyMatch(f -> f.kind() == FindingKind.NON_FINITE_GRADIENT), r.toString());
  }

  @Test
  void nonFiniteLeafInputIsReportedOnceWithRows() {
    Tensor data = Tensor.of(new double[] {1, 2, NAN, 4, 5, INF}, 3, 2);
    Report r = collect(() -> {
      data.add(1).mul(data); line = Here.line();
    });
    assertOnly(r, FindingKind.NON_FINITE_INPUT, "add", List.of(2, 5));
    assertEquals(List.of(1, 2), r.findings().get(0).rows());
    Tensor clean = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
    assertClean(collect(() -> clean.add(1).mul(clean)));
  }

  @Test
  void nonFiniteGradientWithoutAForwardWarningIsBlamedAtTheBackwardCall() {
    Tensor b = grad(1e-300, 2e-300);
    Report r = collect(() -> {
      Tensor a = b.mul(1e300);
      a.mul(1e300).sum().backward(); line = Here.line();
    });
    assertEquals(2, r.findings().size(), r.toString());
    assertIs(r.findings().get(0), FindingKind.NON_FINITE_GRADIENT, "mul", List.of(0, 1));
    assertTrue(r.findings().get(0).message().contains("overflowed"), r.toString());
    Finding leaf = r.findings().get(1);
    assertEquals(List.of(0, 1), leaf.indices());
    assertTrue(leaf.message().contains("caused by mul at " + FILE + ":" + line), leaf.message());
    assertClean(collect(() -> grad(1e-300, 1).mul(1e150).mul(1e150).sum().backward()));
  }

  @Test
  void throwModeThrowsAtTheFirstErrorWithTheWarningsBeforeIt() {
    NonFiniteException e = assertThrows(NonFiniteException.class, () -> {
      try (Anomaly a = Anomaly.detect()) {
        line = Here.line(); Tensor.of(1, 0).log();
        Tensor.of(1e300).mul(1e300); // never reached
      }
    });
    assertEquals(2, e.report().findings().size(), e.getMessage());
    assertTrue(e.getMessage().startsWith(FILE + ":" + line + ": warning: [nanguard:log] log input is 0.0 at [1]"),
        e.getMessage());
  }

  @Test
  void generatedCodeReportsTheSitePinnedWithSiteAt() {
    Tensor x = grad(0, 1);
    Report r = collect(() -> Site.at("LatentLoss.java:22", () -> x.sqrt()).sum().backward());
    assertEquals(3, r.findings().size(), r.toString());
    assertEquals("LatentLoss.java:22", r.findings().get(0).site().fileLine());
    assertEquals("LatentLoss.java:22", r.findings().get(1).site().fileLine(),
        "the gradient error names the forward line, pinned too");
  }

  @Test
  void safeTrainingStepProducesNothing() {
    Tensor w = Tensor.randn(new java.util.Random(1), 4, 3).requiresGrad(true);
    Tensor x = Tensor.randn(new java.util.Random(2), 5, 4);
    assertClean(collect(() -> {
      Tensor logits = x.matmul(w).tanh();
      Tensor loss = logits.logSoftmax(1).neg().mean().add(w.square().sum().add(1e-8).sqrt().mul(1e-3));
      loss.backward();
    }));
  }
}
