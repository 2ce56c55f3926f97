package io.nanguard.guard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.check.Site;
import io.nanguard.ops.EngineOp;
import io.nanguard.ops.BinaryRows;
import io.nanguard.ops.OpCatalog;
import io.nanguard.ops.OpSpec;
import io.nanguard.tensor.OpListener;
import io.nanguard.tensor.OpListeners;
import io.nanguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GuardTest {

  private static final double EPS = 1e-8;
  private static final String SITE = "Loss.java:12";

  /**
   * One elementwise guard: its tensor and double forms, the unguarded op, points where the
   * unguarded op is fine (guard must agree), and its singular points (guard must be finite).
   */
  record Case(String name, UnaryOperator<Tensor> tensor, DoubleUnaryOperator scalar, DoubleUnaryOperator plain,
      double[] regular, double[] singular) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("sqrt", x -> Guard.sqrt(x, EPS, SITE), x -> Guard.sqrt(x, EPS, SITE), Math::sqrt,
            new double[] {0.3, 2, 17}, new double[] {0, -1e-300, -3}),
        new Case("rsqrt", x -> Guard.rsqrt(x, EPS, SITE), x -> Guard.rsqrt(x, EPS, SITE), x -> 1 / Math.sqrt(x),
            new double[] {0.3, 2, 17}, new double[] {0, -2}),
        new Case("log", x -> Guard.log(x, EPS, SITE), x -> Guard.log(x, EPS, SITE), Math::log,
            new double[] {0.01, 1, 40}, new double[] {0, -1, 1e-320}),
        new Case("log1p", x -> Guard.log1p(x, EPS, SITE), x -> Guard.log1p(x, EPS, SITE), Math::log1p,
            new double[] {-0.5, 0, 3}, new double[] {-1, -2}),
        new Case("pow 0.5", x -> Guard.pow(x, 0.5, EPS, SITE), x -> Guard.pow(x, 0.5, EPS, SITE), x -> Math.pow(x, 0.5),
            new double[] {0.3, 2}, new double[] {0, -1}),
        new Case("pow 1.5", x -> Guard.pow(x, 1.5, EPS, SITE), x -> Guard.pow(x, 1.5, EPS, SITE), x -> Math.pow(x, 1.5),
            new double[] {0.3, 2}, new double[] {0, -1}),
        new Case("pow -2", x -> Guard.pow(x, -2, EPS, SITE), x -> Guard.pow(x, -2, EPS, SITE), x -> Math.pow(x, -2),
            new double[] {-0.7, 0.3, 2}, new double[] {0}),
        new Case("acos", x -> Guard.acos(x, EPS, SITE), x -> Guard.acos(x, EPS, SITE), Math::acos,
            new double[] {-0.9, 0, 0.5}, new double[] {-1, 1, 1.5}),
        new Case("asin", x -> Guard.asin(x, EPS, SITE), x -> Guard.asin(x, EPS, SITE), Math::asin,
            new double[] {-0.9, 0, 0.5}, new double[] {-1, 1, -3}),
        new Case("exp", x -> Guard.exp(x, EPS, SITE), x -> Guard.exp(x, EPS, SITE), Math::exp,
            new double[] {-3, 0, 20}, new double[] {710, 1e5}),
        new Case("expm1", x -> Guard.expm1(x, EPS, SITE), x -> Guard.expm1(x, EPS, SITE), Math::expm1,
            new double[] {-3, 1e-5, 20}, new double[] {800}),
        new Case("reciprocal", x -> Guard.reciprocal(x, EPS, SITE), x -> Guard.reciprocal(x, EPS, SITE), x -> 1 / x,
            new double[] {-4, 0.25, 3}, new double[] {0, -0.0, 1e-12}),
        new Case("divisor", x -> Tensor.scalar(1).div(Guard.divisor(x, EPS, SITE)),
            x -> 1 / Guard.divisor(x, EPS, SITE), x -> 1 / x,
            new double[] {-4, 0.25, 3}, new double[] {0, -1e-12}));
  }

  @BeforeEach
  void resetStats() {
    GuardStats.reset();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void agreesWithTheUnguardedOpAwayFromSingularPoints(Case c) {
    for (double x : c.regular()) {
      double expected = c.plain().applyAsDouble(x);
      assertEquals(expected, c.scalar().applyAsDouble(x), 1e-6 * Math.max(1, Math.abs(expected)), c + " at " + x);
      assertEquals(expected, c.tensor().apply(Tensor.of(x)).item(), 1e-6 * Math.max(1, Math.abs(expected)), c + " at " + x);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gradientMatchesCentralDifferencesAwayFromKinks(Case c) {
    for (double x : c.regular()) {
      Tensor leaf = Tensor.of(x).requiresGrad(true);
      c.tensor().apply(leaf).sum().backward();
      double h = 1e-6 * Math.max(1, Math.abs(x));
      double fd = (c.scalar().applyAsDouble(x + h) - c.scalar().applyAsDouble(x - h)) / (2 * h);
      assertEquals(fd, leaf.grad().item(), 1e-5 + 1e-4 * Math.abs(fd), c + " at " + x);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void valueAndGradientAreFiniteAtSingularPoints(Case c) {
    for (double x : c.singular()) {
      Tensor leaf = Tensor.of(x).requiresGrad(true);
      Tensor y = c.tensor().apply(leaf);
      y.mul(0.0).add(y).sum().backward();
      assertTrue(Double.isFinite(y.item()), c + " value at " + x + ": " + y.item());
      assertTrue(Double.isFinite(leaf.grad().item()), c + " gradient at " + x + ": " + leaf.grad().item());
      assertTrue(Double.isFinite(c.scalar().applyAsDouble(x)), c + " double form at " + x);
    }
  }

  @Test
  void aNullSiteIsAnExplicitError() {
    NullPointerException scalar = assertThrows(NullPointerException.class, () -> Guard.sqrt(4.0, 1e-8, null));
    assertTrue(scalar.getMessage().contains("site is null"), scalar.getMessage());
    NullPointerException tensor = assertThrows(NullPointerException.class,
        () -> Guard.log(Tensor.of(1, 2), 1e-8, null));
    assertTrue(tensor.getMessage().contains("site is null"), tensor.getMessage());
    assertThrows(NullPointerException.class, () -> Guard.logSoftmax(Tensor.of(1, 2), 0, 1e-8, null));
  }

  @Test
  void handValuesOfTheSafeForms() {
    assertEquals(Math.sqrt(EPS), Guard.sqrt(0.0, EPS, SITE), 0);
    assertEquals(Math.sqrt(EPS), Guard.sqrt(-5.0, EPS, SITE), 0);
    assertEquals(Math.sqrt(4 + EPS), Guard.sqrt(4.0, EPS, SITE), 0);
    assertEquals(Math.log(EPS), Guard.log(0.0, EPS, SITE), 0);
    assertEquals(Math.log(EPS), Guard.log(-2.0, EPS, SITE), 0);
    assertEquals(Math.log1p(EPS - 1), Guard.log1p(-1.0, EPS, SITE), 0);
    assertEquals(Math.pow(EPS, 0.5), Guard.pow(0.0, 0.5, EPS, SITE), 0);
    assertEquals(Math.acos(1 - EPS), Guard.acos(1.0, EPS, SITE), 0);
    assertEquals(Math.asin(-1 + EPS), Guard.asin(-7.0, EPS, SITE), 0);
    assertEquals(Math.exp(709), Guard.exp(1000.0, EPS, SITE), 0);
    assertEquals(1 / EPS, Guard.reciprocal(0.0, EPS, SITE), 0);
  }

  @Test
  void divisorKeepsSignAndTreatsZeroAsPositive() {
    assertEquals(EPS, Guard.divisor(0.0, EPS, SITE), 0);
    assertEquals(EPS, Guard.divisor(-0.0, EPS, SITE), 0);
    assertEquals(EPS, Guard.divisor(1e-12, EPS, SITE), 0);
    assertEquals(-EPS, Guard.divisor(-1e-12, EPS, SITE), 0);
    assertEquals(-3.0, Guard.divisor(-3.0, EPS, SITE), 0);
    Tensor b = Tensor.of(0, -1e-12, 2).requiresGrad(true);
    Tensor d = Guard.divisor(b, EPS, SITE);
    assertEquals(List.of(EPS, -EPS, 2.0), List.of(d.get(0), d.get(1), d.get(2)));
    Tensor.of(1, 1, 1).div(d).sum().backward();
    assertEquals(0, b.grad().get(0), 0, "raised entries pass no gradient");
    assertEquals(-0.25, b.grad().get(2), 1e-15);
  }

  @Test
  void guardedSqrtFixesTheMotivatingGradient() {
    // d/dx sqrt(sum(x^2)) at x == 0 is 0 * inf = NaN; the guard makes it 0.
    Tensor x = Tensor.zeros(3).requiresGrad(true);
    Guard.sqrt(x.square().sum(), EPS, SITE).backward();
    for (double g : x.grad().toArray()) {
      assertEquals(0, g, 0);
    }
    Tensor y = Tensor.zeros(3).requiresGrad(true);
    y.square().sum().sqrt().backward();
    assertTrue(Double.isNaN(y.grad().get(0)), "unguarded sqrt gives NaN, as the test premise");
  }

  @Test
  void namesTheCatalogueSafeFormToTheEngine() {
    List<String> ops = new ArrayList<>();
    List<Site> sites = new ArrayList<>();
    OpListener previous = OpListeners.install(new OpListener() {
      @Override
      public void onForward(Tensor output, EngineOp op, Tensor[] inputs) {
        ops.add(op.name());
        sites.add(Site.current());
      }

      @Override
      public void onBackward(Tensor output, EngineOp op, int i, Tensor input, double[] g, double[] gi) {}
    });
    try {
      Guard.sqrt(Tensor.of(1, -1), EPS, "LatentLoss.java:31"); // clamped: one fused op
      Guard.log(Tensor.of(1, 0), EPS, "LatentLoss.java:32");
      Guard.sqrt(Tensor.of(1, 0), EPS, "LatentLoss.java:33"); // no clamp needed: the engine's own ops
    } finally {
      OpListeners.install(previous);
    }
    assertEquals(List.of(OpCatalog.SQRT.safeForm(), OpCatalog.LOG.safeForm(), "add", "sqrt"), ops);
    assertEquals(List.of(new Site("LatentLoss.java", 31, ""), new Site("LatentLoss.java", 32, ""),
        new Site("LatentLoss.java", 33, ""), new Site("LatentLoss.java", 33, "")), sites);
  }

  @Test
  void fusedAndUnclampedPathsAgreeExactly() {
    List<SafeOp> ops = List.of(SafeOp.of(OpCatalog.SQRT, SafeInput.atLeast(0, EPS)),
        SafeOp.of(OpCatalog.LOG, SafeInput.atLeast(EPS, 0)), SafeOp.of(OpCatalog.ACOS, SafeInput.within(-0.9, 0.9, 0)),
        SafeOp.of(OpCatalog.pow(0.5), EPS), SafeOp.operand(BinaryRows.DIV, EPS));
    for (SafeOp op : ops) {
      Tensor a = Tensor.of(0.1, 0.25, 0.5, 0.8).requiresGrad(true);
      Tensor b = Tensor.of(0.1, 0.25, 0.5, 0.8).requiresGrad(true);
      Tensor fused = op.apply(a, true);
      Tensor plain = op.apply(b, false);
      fused.mul(Tensor.of(1, 2, 3, 4)).sum().backward();
      plain.mul(Tensor.of(1, 2, 3, 4)).sum().backward();
      for (int i = 0; i < 4; i++) {
        assertEquals(a.grad().get(i), b.grad().get(i), 0, op.name() + " gradient " + i);
        assertEquals(fused.get(i), plain.get(i), 0, op.name() + " value " + i);
      }
    }
  }

  @Test
  void countsOnlyCallsWhereTheGuardChangedAValue() {
    Guard.sqrt(Tensor.of(1, 2, 3), EPS, "A.java:1");
    Guard.sqrt(Tensor.of(0, 2, -3), EPS, "A.java:1");
    Guard.log(0.5, EPS, "A.java:2");
    Guard.log(1e-9, EPS, "A.java:2");
    Guard.divisor(Tensor.of(1e-9, 2), EPS, "A.java:3");
    assertEquals(new GuardStats.Count("A.java:1", 2, 1, 2), GuardStats.of("A.java:1"));
    assertEquals(new GuardStats.Count("A.java:2", 2, 1, 1), GuardStats.of("A.java:2"));
    assertEquals(new GuardStats.Count("A.java:3", 1, 1, 1), GuardStats.of("A.java:3"));
    assertEquals(List.of("A.java:1", "A.java:2", "A.java:3"), List.copyOf(GuardStats.snapshot().keySet()));
    assertEquals(new GuardStats.Count("B.java:9", 0, 0, 0), GuardStats.of("B.java:9"));
  }

  @Test
  void stabilityGuardsDelegateToTheStableKernels() {
    Tensor x = Tensor.of(new double[] {1000, 0, -1000, 3}, 2, 2);
    assertEquals(x.logSumExp(1).get(0), Guard.logSumExp(x, 1, EPS, SITE).get(0), 0);
    assertEquals(1000, Guard.logSumExp(x, 1, EPS, SITE).get(0), 1e-9);
    assertEquals(x.logSoftmax(1).get(1, 1), Guard.logSoftmax(x, 1, EPS, SITE).get(1, 1), 0);
    assertEquals(x.softmax(0).get(0, 0), Guard.softmax(x, 0, EPS, SITE).get(0, 0), 0);
    assertEquals(-1000, Guard.logSigmoid(Tensor.of(-1000), EPS, SITE).item(), 1e-9);
    assertEquals(-1000, Guard.logSigmoid(-1000.0, EPS, SITE), 1e-9);
    assertEquals(Math.log1p(1e-20), Guard.log1p(1e-20, EPS, SITE), 0);
  }

  @Test
  void logSumExpWithKeepDimKeepsTheReducedDimensionAsSumDid() {
    Tensor x = Tensor.of(new double[] {1000, 1000, 1000, 0, 0, 0}, 2, 3);
    for (int dim : new int[] {1, -1}) {
      Tensor kept = Guard.logSumExp(x, dim, true, EPS, SITE);
      assertArrayEquals(x.exp().sum(1, true).shape(), kept.shape(), "the shape of sum(dim, true)");
      assertEquals(1000 + Math.log(3), kept.get(0, 0), 1e-9);
      assertEquals(Math.log(3), kept.get(1, 0), 1e-12);
    }
    assertArrayEquals(new int[] {1, 3}, Guard.logSumExp(x, 0, true, EPS, SITE).shape());
    assertArrayEquals(new int[] {2}, Guard.logSumExp(x, 1, false, EPS, SITE).shape());
  }

  @Test
  void nanInputStaysNan() {
    assertTrue(Double.isNaN(Guard.sqrt(Double.NaN, EPS, SITE)));
    assertTrue(Double.isNaN(Guard.log(Tensor.of(Double.NaN), EPS, SITE).item()));
  }

  @Test
  void rejectsAnEpsThatWouldDisableTheGuard() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Guard.sqrt(1.0, 0, SITE));
    assertTrue(e.getMessage().contains(SITE) && e.getMessage().contains("eps"), e.getMessage());
  }
}
