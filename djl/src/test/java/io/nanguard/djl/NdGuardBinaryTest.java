package io.nanguard.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.nanguard.check.Anomaly;
import io.nanguard.check.AnomalyOptions;
import io.nanguard.check.Finding;
import io.nanguard.check.FindingKind;
import io.nanguard.guard.GuardStats;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The guards of DJL's binary ops with two arrays, {@code x.pow(p)} and {@code a.atan2(b)}, in
 * float32 on the real PyTorch engine: at the singular points the original's gradient is not
 * finite and the guard's value and both gradients are (with the values derived by hand); at
 * ordinary inputs the guard equals the original within 1e-5 relative, value and gradients.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NdGuardBinaryTest {

  private static final double EPS = 1e-8;
  private static final String SITE = "Binary.java:7";
  private static final BinaryOperator<NDArray> POW = (x, p) -> NdGuard.pow(x, p, EPS, SITE);
  private static final BinaryOperator<NDArray> ATAN2 = (a, b) -> NdGuard.atan2(a, b, EPS, SITE);
  private final NDManager manager = NDManager.newBaseManager();

  @AfterAll
  void closeTheManager() {
    manager.close();
  }

  @Test
  void powOfZeroToTheHalfIsFiniteOnlyWithTheGuard() {
    float[] x = {0f, -1f};
    float[] p = {0.5f, 0.5f};
    BinaryAutograd original = BinaryAutograd.of(manager, x, p, NDArray::pow);
    assertEquals(Float.POSITIVE_INFINITY, original.gradA()[0], "d/dx x^0.5 = 0.5 / sqrt(x) at 0");
    assertTrue(Float.isNaN(original.value()[1]), "(-1)^0.5");
    BinaryAutograd guarded = BinaryAutograd.of(manager, x, p, POW);
    assertTrue(guarded.finite(), Arrays.toString(guarded.value()) + Arrays.toString(guarded.gradA())
        + Arrays.toString(guarded.gradB()));
    assertEquals(1e-4f, guarded.value()[0], 1e-9f, "sqrt(0 + eps)");
    assertEquals(5000f, guarded.gradA()[0], 0.5f, "0.5 / sqrt(eps)");
    assertEquals((float) (1e-4 * Math.log(1e-8)), guarded.gradB()[0], 1e-8f, "d/dp = x^p log x at x = eps");
    assertEquals(1e-4f, guarded.value()[1], 1e-9f, "a negative base is moved to eps too");
    assertEquals(0f, guarded.gradA()[1], "where the clamp is active the gradient is 0, as for clip");
  }

  @Test
  void powEqualsTheOriginalElsewhere() {
    assertSame(new float[] {0.5f, 2f, 9f, 3f}, new float[] {0.5f, -1.5f, 3f, 0f}, NDArray::pow, POW);
  }

  @Test
  void atan2AtTheOriginIsFiniteOnlyWithTheGuard() {
    float[] a = {0f};
    float[] b = {0f};
    BinaryAutograd original = BinaryAutograd.of(manager, a, b, NDArray::atan2);
    assertEquals(0f, original.value()[0], "atan2(0, 0) = 0");
    assertTrue(Float.isNaN(original.gradA()[0]) && Float.isNaN(original.gradB()[0]), "0 * (1 / 0), as in PyTorch");
    BinaryAutograd guarded = BinaryAutograd.of(manager, a, b, ATAN2);
    assertTrue(guarded.finite());
    assertEquals(0f, guarded.value()[0], "atan2(0, eps)");
    assertEquals(1e8f, guarded.gradA()[0], 1e3f, "b / (a^2 + b^2) at (0, eps) = 1 / eps");
    assertEquals(0f, guarded.gradB()[0], "b was moved: its gradient is 0");
  }

  @Test
  void atan2EqualsTheOriginalElsewhereIncludingNearTheAxes() {
    // (1e-9, 0.5) and (0, -4): one operand is tiny or 0, not both, so nothing is moved.
    assertSame(new float[] {0.5f, -2f, 1e-9f, 0f}, new float[] {1f, 0.3f, 0.5f, -4f}, NDArray::atan2, ATAN2);
  }

  @Test
  void bothAreCountedAtTheUsersSite() {
    String site = "Binary.java:21";
    NDArray x = manager.create(new float[] {0f, 1f});
    NdGuard.pow(x, x, EPS, site);
    NdGuard.atan2(x, x, EPS, site);
    assertEquals(2, GuardStats.of(site).calls());
  }

  @Test
  void underAnAnomalyScopeEachReportsTheElementsItMoved() {
    String site = "Binary.java:30";
    try (Anomaly scope = Anomaly.detect(AnomalyOptions.builder().collectAll().build())) {
      NDArray a = manager.create(new float[] {0f, 1f, 0f, -1e-9f}, new Shape(2, 2));
      NDArray b = manager.create(new float[] {0f, 0f, 2f, 1e-9f}, new Shape(2, 2));
      NdGuard.atan2(a, b, EPS, site);
      NdGuard.pow(b, a, EPS, site);
      List<Finding> found = scope.report().findings(FindingKind.UNSAFE_INPUT);
      assertEquals(List.of("atan2", "pow"), found.stream().map(Finding::op).toList());
      assertEquals(List.of(0, 3), found.get(0).indices(), "only where both operands are within eps of 0");
      assertEquals(List.of(0, 1), found.get(1).indices(), "where the base is <= 0");
      assertEquals(4, GuardStats.of(site).engagedElements());
    }
  }

  private void assertSame(float[] a, float[] b, BinaryOperator<NDArray> original,
      BinaryOperator<NDArray> guarded) {
    BinaryAutograd o = BinaryAutograd.of(manager, a, b, original);
    BinaryAutograd g = BinaryAutograd.of(manager, a, b, guarded);
    assertTrue(o.finite(), "an ordinary input must be safe for the original");
    assertClose(o.value(), g.value(), "value");
    assertClose(o.gradA(), g.gradA(), "gradient of the first operand");
    assertClose(o.gradB(), g.gradB(), "gradient of the second operand");
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-5 * Math.abs(expected[i]) + 1e-7, what + " [" + i + "]");
    }
  }
}
