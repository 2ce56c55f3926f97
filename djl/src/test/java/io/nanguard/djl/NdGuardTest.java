package io.nanguard.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import io.nanguard.guard.GuardStats;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every NDArray op NaNGuard guards, in float32 on the real PyTorch engine: at its singular point
 * the original op's value or gradient is not finite and the guard's both are; at ordinary inputs
 * the guard equals the original within 1e-5 relative, in value and in gradient.
 */
class NdGuardTest {

  private static final double EPS = 1e-8;
  private static final String SITE = "Loss.java:12";
  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  /**
   * One row of the table.
   *
   * @param singular inputs at the op's singular point (the original fails there)
   * @param ordinary inputs where the original is fine
   */
  record Case(String name, float[] singular, float[] ordinary, UnaryOperator<NDArray> original,
      UnaryOperator<NDArray> guarded) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> table() {
    float[] one = {1f, 1f};
    return Stream.of(
        new Case("sqrt", new float[] {0f, 4f}, new float[] {0.003f, 2f, 9f}, NDArray::sqrt,
            x -> NdGuard.sqrt(x, EPS, SITE)),
        new Case("sqrt of x >= 0", new float[] {0f, 4f}, new float[] {0.003f, 2f, 9f}, NDArray::sqrt,
            x -> NdGuard.sqrtNonNegative(x, EPS, SITE)),
        new Case("log", new float[] {0f, 1f}, new float[] {0.5f, 2f, 1e-3f}, NDArray::log,
            x -> NdGuard.log(x, EPS, SITE)),
        new Case("log2", new float[] {0f, 1f}, new float[] {0.5f, 2f, 1e-3f}, NDArray::log2,
            x -> NdGuard.log2(x, EPS, SITE)),
        new Case("log10", new float[] {0f, 1f}, new float[] {0.5f, 2f, 1e-3f}, NDArray::log10,
            x -> NdGuard.log10(x, EPS, SITE)),
        new Case("log(1 + x)", new float[] {-1f, 0f}, new float[] {0.5f, 3f, -0.25f}, x -> x.add(1f).log(),
            x -> NdGuard.log1p(x, EPS, SITE)),
        new Case("pow 0.5", new float[] {0f, 4f}, new float[] {0.5f, 2f, 9f}, x -> x.pow(0.5f),
            x -> NdGuard.pow(x, 0.5f, EPS, SITE)),
        new Case("pow -1", new float[] {0f, 4f}, new float[] {0.5f, -2f, 9f}, x -> x.pow(-1f),
            x -> NdGuard.pow(x, -1f, EPS, SITE)),
        new Case("div NDArray", new float[] {0f, 2f}, new float[] {0.5f, -2f, 9f}, x -> x.onesLike().div(x),
            x -> x.onesLike().div(NdGuard.divisor(x, EPS, SITE))),
        new Case("acos", new float[] {1f, 0f}, new float[] {0.5f, -0.9f, 0f}, NDArray::acos,
            x -> NdGuard.acos(x, EPS, SITE)),
        new Case("asin", new float[] {-1f, 0f}, new float[] {0.5f, -0.9f, 0f}, NDArray::asin,
            x -> NdGuard.asin(x, EPS, SITE)),
        new Case("exp", new float[] {100f, 0f}, new float[] {0.5f, -3f, 80f}, NDArray::exp,
            x -> NdGuard.exp(x, EPS, SITE)),
        new Case("log(sum(exp))", new float[] {100f, 100f}, new float[] {0.5f, -3f, 2f},
            x -> x.exp().sum(new int[] {0}).log(), x -> NdGuard.logSumExp(x, new int[] {0}, EPS, SITE)),
        new Case("log(softmax)", new float[] {0f, -200f}, new float[] {0.5f, -3f, 2f},
            x -> x.softmax(0).log(), x -> NdGuard.logSoftmax(x, 0, EPS, SITE)),
        new Case("exp/sum(exp)", new float[] {100f, 100f}, new float[] {0.5f, -3f, 2f},
            x -> x.exp().div(x.exp().sum(new int[] {0}, true)), x -> NdGuard.softmax(x, 0, EPS, SITE)),
        new Case("log(sigmoid)", new float[] {-200f, 0f}, new float[] {0.5f, -3f, 2f},
            x -> Activation.sigmoid(x).log(), x -> NdGuard.logSigmoid(x, EPS, SITE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void originalFailsAtTheSingularPointTheGuardDoesNot(Case c) {
    assertFalse(Autograd.of(manager, c.singular(), c.original()).finite(), c + ": the original should fail");
    Autograd guarded = Autograd.of(manager, c.singular(), c.guarded());
    assertTrue(guarded.finite(), c + ": guard value " + Arrays.toString(guarded.value()) + " gradient "
        + Arrays.toString(guarded.grad()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void guardEqualsTheOriginalElsewhere(Case c) {
    Autograd original = Autograd.of(manager, c.ordinary(), c.original());
    Autograd guarded = Autograd.of(manager, c.ordinary(), c.guarded());
    assertTrue(original.finite(), c + ": an ordinary input must be safe for the original");
    assertClose(original.value(), guarded.value(), c + " value");
    assertClose(original.grad(), guarded.grad(), c + " gradient");
  }

  @Test
  void sqrtWithoutTheClampEqualsSqrtOnEveryNonNegativeInput() {
    float[] x = {0f, Float.MIN_VALUE, 1e-12f, 0.5f, 3f};
    Autograd clamped = Autograd.of(manager, x, a -> NdGuard.sqrt(a, EPS, SITE));
    Autograd unclamped = Autograd.of(manager, x, a -> NdGuard.sqrtNonNegative(a, EPS, SITE));
    assertArrayEquals(clamped.value(), unclamped.value(), "value");
    assertArrayEquals(clamped.grad(), unclamped.grad(), "gradient, at 0 included");
  }

  @Test
  void divisionByANumberThatIsZero() {
    float[] x = {0.5f, -2f, 9f};
    assertFalse(Autograd.of(manager, x, a -> a.div(0f)).finite());
    assertTrue(Autograd.of(manager, x, a -> a.div(NdGuard.divisor(0f, EPS, SITE))).finite());
    Autograd original = Autograd.of(manager, x, a -> a.div(2.5f));
    Autograd guarded = Autograd.of(manager, x, a -> a.div(NdGuard.divisor(2.5f, EPS, SITE)));
    assertClose(original.value(), guarded.value(), "value");
    assertClose(original.grad(), guarded.grad(), "gradient");
  }

  @Test
  void guardsKeepTheArraysDataType() {
    NDArray x = manager.create(new float[] {0f, 1f});
    assertEquals(DataType.FLOAT32, NdGuard.sqrt(x, EPS, SITE).getDataType());
    NDArray scalar = manager.create(0f);
    assertEquals(DataType.FLOAT32, NdGuard.log(scalar, EPS, SITE).getDataType());
    NDArray wide = manager.create(new double[] {0, 1});
    assertEquals(DataType.FLOAT64, NdGuard.sqrt(wide, EPS, SITE).getDataType());
  }

  @Test
  void theAddedEpsIsOneConstantPerDataTypeThatOutlivesTheCallersScopeAndManager() {
    for (int round = 0; round < 2; round++) {
      // A constant closed with the first round's scope or manager would fail the second round.
      try (NDManager m = NDManager.newBaseManager(); NDScope scope = new NDScope()) {
        NDArray x = m.create(new float[] {0f, 4f});
        float[] y = NdGuard.sqrtNonNegative(x, EPS, SITE).toFloatArray();
        assertEquals((float) Math.sqrt(EPS), y[0], 1e-9);
        assertEquals(2f, y[1], 1e-6);
        double[] wide = NdGuard.sqrtNonNegative(m.create(new double[] {0}), EPS, SITE).toDoubleArray();
        assertEquals(Math.sqrt(EPS), wide[0], 1e-15, "float64 adds the eps exactly");
        NDArray half = NdGuard.sqrtNonNegative(x.toType(DataType.FLOAT16, false), EPS, SITE);
        assertEquals(DataType.FLOAT16, half.getDataType());
        assertEquals(0x1p-7f, half.toType(DataType.FLOAT32, false).getFloat(0), 0f,
            "float16 adds its smallest normal, 2^-14, whose root is 2^-7");
        scope.suppressNotUsedWarning();
      }
    }
  }

  @Test
  void float32RoundsAwayAUnitBallEpsSoTheGuardUsesTheSpacingBelowOne() {
    // 1 - 1e-8 is 1 in float32: a clamp to [-1 + 1e-8, 1 - 1e-8] would leave acos'(1) infinite.
    assertEquals(1f, (float) (1 - 1e-8));
    Autograd a = Autograd.of(manager, new float[] {1f}, x -> NdGuard.acos(x, 1e-8, SITE));
    assertTrue(a.finite());
    assertEquals(Math.acos(1 - 0x1p-23), a.value()[0], 1e-7);
  }

  @Test
  void float16FlushesEpsToZeroSoTheGuardUsesTheSmallestNormal() {
    NDArray half = manager.create(new float[] {0f, 1f}).toType(DataType.FLOAT16, false);
    assertEquals(0f, manager.create(new float[] {1e-8f}).toType(DataType.FLOAT16, false).toType(DataType.FLOAT32, false)
        .getFloat(0), "1e-8 is 0 in float16");
    NDArray y = NdGuard.log(half, 1e-8, SITE).toType(DataType.FLOAT32, false);
    assertEquals((float) Math.log(0x1p-14), y.getFloat(0), 1e-3);
  }

  @Test
  void expClampsAtTheFormatsOverflowPoint() {
    NDArray x = manager.create(new float[] {100f});
    assertEquals((float) Math.exp(88), NdGuard.exp(x, EPS, SITE).getFloat(0), 1e33);
    NDArray half = x.toType(DataType.FLOAT16, false);
    assertEquals((float) Math.exp(11), NdGuard.exp(half, EPS, SITE).toType(DataType.FLOAT32, false).getFloat(0), 40);
  }

  @Test
  void log1pKeepsWhatFloat32AddingOneLoses() {
    NDArray x = manager.create(new float[] {1e-9f, 1e-3f});
    assertEquals(0f, x.add(1f).log().getFloat(0), "1 + 1e-9 is 1 in float32");
    float[] y = NdGuard.log1p(x, EPS, SITE).toFloatArray();
    assertEquals(Math.log1p(1e-9f), y[0], 1e-9 * 1e-5);
    assertEquals(Math.log1p(1e-3f), y[1], 1e-3 * 1e-5);
  }

  @Test
  void divisorKeepsTheSignAndTreatsZeroAsPositive() {
    NDArray b = manager.create(new float[] {0f, -1e-12f, 1e-12f, -3f});
    float e = (float) EPS;
    float[] d = NdGuard.divisor(b, EPS, SITE).toFloatArray();
    assertEquals(List.of(e, -e, e, -3f), List.of(d[0], d[1], d[2], d[3]));
    assertEquals(1e-8f, NdGuard.divisor(-0f, EPS, SITE).floatValue(), 0f, "-0 counts as 0, so as positive");
    assertEquals(-1e-8f, NdGuard.divisor(-1e-12f, EPS, SITE).floatValue(), 0f);
    assertEquals(2.5f, NdGuard.divisor(2.5f, EPS, SITE));
  }

  @Test
  void nanInGivesNanOut() {
    NDArray x = manager.create(new float[] {Float.NaN});
    assertTrue(Float.isNaN(NdGuard.sqrt(x, EPS, SITE).getFloat(0)));
    assertTrue(Float.isNaN(NdGuard.log(x, EPS, SITE).getFloat(0)));
    assertTrue(NdGuard.divisor(x, EPS, SITE).isNaN().all().getBoolean());
  }

  @Test
  void everyCallIsCountedAtTheUsersSite() {
    String site = "Counted.java:3";
    NDArray x = manager.create(new float[] {0f, 1f});
    NdGuard.sqrt(x, EPS, site);
    NdGuard.log(x, EPS, site);
    assertEquals(2, GuardStats.of(site).calls());
  }

  @Test
  void aBadEpsNamesTheSite() {
    NDArray x = manager.create(new float[] {1f});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NdGuard.sqrt(x, 0, "L.java:9"));
    assertTrue(e.getMessage().contains("L.java:9"), e.getMessage());
  }

  @Test
  void djlsNormHasGradientZeroAtZeroAsPyTorchSoTheAnalysisMayTrustIt() {
    Autograd n = Autograd.of(manager, new float[] {0f, 0f}, NDArray::norm);
    assertTrue(n.finite());
    assertEquals(List.of(0f, 0f), List.of(n.grad()[0], n.grad()[1]));
    Autograd handWritten = Autograd.of(manager, new float[] {0f, 0f}, x -> x.square().sum().sqrt());
    assertFalse(handWritten.finite(), "sqrt(sum(x^2)) at 0 is NaN, as in PyTorch");
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      double tol = 1e-5 * Math.max(Math.abs(expected[i]), 1e-30) + 1e-7;
      assertEquals(expected[i], actual[i], tol, what + " [" + i + "]");
    }
  }
}
