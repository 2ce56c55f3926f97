package io.nanguard.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The binary row atan2 against independent truth: forward against {@link Math#atan2}, both
 * partials (the row's and the engine's backward, with broadcasting) against central finite
 * differences, and the singular point (0, 0) where PyTorch's formula gives NaN.
 */
class BinaryRowsTest {

  private static final BinarySpec ATAN2 = BinaryRows.ATAN2;
  private static final double H = 1e-6;

  @Test
  void forwardIsMathAtan2InEveryQuadrant() {
    double[][] points = {{1, 1}, {1, -1}, {-1, -1}, {-1, 1}, {0, -1}, {2, 0}, {0, 0}};
    for (double[] p : points) {
      assertEquals(Math.atan2(p[0], p[1]), ATAN2.apply(p[0], p[1]), 0);
    }
    assertEquals(3 * Math.PI / 4, ATAN2.apply(1, -1), 1e-15);
  }

  @Test
  void partialsMatchCentralDifferencesAwayFromTheOrigin() {
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      double a = random.nextGaussian() * 3;
      double b = random.nextGaussian() * 3;
      if (Math.hypot(a, b) < 0.1 || (b < 0 && Math.abs(a) < 0.1)) {
        continue; // near the origin the difference quotient is ill-conditioned; across the cut it jumps by 2 pi
      }
      double y = ATAN2.apply(a, b);
      double da = (Math.atan2(a + H, b) - Math.atan2(a - H, b)) / (2 * H);
      double db = (Math.atan2(a, b + H) - Math.atan2(a, b - H)) / (2 * H);
      assertEquals(da, ATAN2.partialA().at(a, b, y), 1e-6 * (1 + Math.abs(da)), "d/da at " + a + ", " + b);
      assertEquals(db, ATAN2.partialB().at(a, b, y), 1e-6 * (1 + Math.abs(db)), "d/db at " + a + ", " + b);
    }
  }

  @Test
  void theEngineBackwardBroadcastsAndMatchesCentralDifferences() {
    double[] av = {0.5, -1.5, 2.0};
    double bv = -0.75;
    Tensor a = Tensor.of(av, 3).requiresGrad(true);
    Tensor b = Tensor.of(new double[] {bv}, 1).requiresGrad(true);
    Tensor y = a.atan2(b);
    for (int i = 0; i < av.length; i++) {
      assertEquals(Math.atan2(av[i], bv), y.data()[i], 0);
    }
    y.sum().backward();
    double dbSum = 0;
    for (int i = 0; i < av.length; i++) {
      double da = (Math.atan2(av[i] + H, bv) - Math.atan2(av[i] - H, bv)) / (2 * H);
      assertEquals(da, a.grad().data()[i], 1e-7);
      dbSum += (Math.atan2(av[i], bv + H) - Math.atan2(av[i], bv - H)) / (2 * H);
    }
    // b was broadcast over a's three elements: its gradient is the sum of the three partials.
    assertEquals(dbSum, b.grad().data()[0], 1e-7);
  }

  @Test
  void theOriginIsAGradientSingularPointAsInPyTorch() {
    // PyTorch's atan2_backward: grad * other / (self^2 + other^2) is 0 * inf = NaN at (0, 0).
    Tensor a = Tensor.of(0.0, 1.0).requiresGrad(true);
    Tensor b = Tensor.of(0.0, 0.0).requiresGrad(true);
    Tensor y = a.atan2(b);
    assertArrayEquals(new double[] {0, Math.PI / 2}, y.data(), 0);
    y.sum().backward();
    assertTrue(Double.isNaN(a.grad().data()[0]) && Double.isNaN(b.grad().data()[0]));
    assertEquals(0, a.grad().data()[1], 0);
    assertEquals(-1, b.grad().data()[1], 1e-15);

    assertSame(Failure.GRADIENT, ATAN2.failureAt(0, 0));
    assertSame(Failure.GRADIENT, ATAN2.failureAt(-0.0, 0));
    assertNull(ATAN2.failureAt(0, 1e-300));
    assertNull(ATAN2.failureAt(-2, 0));
  }

  @Test
  void rangesFailOnlyWhenBothReachZero() {
    assertSame(Failure.GRADIENT, ATAN2.failureWithin(Range.closed(-1, 1), Range.NON_NEGATIVE));
    assertNull(ATAN2.failureWithin(Range.closed(-1, 1), Range.closed(0.5, 2)));
    assertNull(ATAN2.failureWithin(Range.POSITIVE, Range.TOP));
  }

  @Test
  void everyRowIsATensorMethodATableRowAndANamedConstant() throws NoSuchMethodException {
    assertEquals(List.of("div", "pow", "atan2"), List.copyOf(BinaryRows.rows().keySet()));
    for (BinarySpec row : BinaryRows.rows().values()) {
      assertSame(Tensor.class, Tensor.class.getMethod(row.name(), Tensor.class).getReturnType(), row.name());
      assertSame(row, io.nanguard.ops.api.TensorLibraryApi.TABLE.instanceMethod(row.name(), 1).binary(), row.name());
      RowConstant c = OpCatalog.constantOf(row);
      assertEquals(BinaryRows.class, c.holder());
      assertEquals(row.name().toUpperCase(java.util.Locale.ROOT), c.field());
    }
  }

  @Test
  void aConstantSecondOperandMakesPowItsUnaryRow() {
    assertNull(BinaryRows.POW.withConstantB(2).hazard()); // x^2: safe everywhere, so x.pow(2) is not flagged
    assertSame(Failure.GRADIENT, BinaryRows.POW.withConstantB(0.5).failureAt(0));
    assertNull(BinaryRows.ATAN2.withConstantB(1));
    // An unknown exponent: only a positive base is safe, and x^p is judged pair by pair.
    assertSame(Failure.FORWARD, BinaryRows.POW.failureWithin(Range.NON_NEGATIVE, Range.TOP));
    assertNull(BinaryRows.POW.failureWithin(Range.POSITIVE, Range.TOP));
    assertNull(BinaryRows.POW.failureAt(0, 2));
    assertSame(Failure.GRADIENT, BinaryRows.POW.failureAt(0, 0.5));
    assertSame(Failure.FORWARD, BinaryRows.POW.failureAt(-8, 1.0 / 3));
    // By range, pow's own rule is sharper than its domains: a whole exponent makes a negative base safe.
    assertNull(BinaryRows.POW.verdictWithin(Range.closed(-2, 2), false, Range.closed(1, 3), false, true).failure());
    assertSame(Failure.FORWARD,
        BinaryRows.POW.verdictWithin(Range.closed(-2, 2), false, Range.closed(1, 3), false, false).failure());
    assertSame(Failure.GRADIENT,
        BinaryRows.POW.verdictWithin(Range.closed(0, 2), false, Range.closed(0.5, 3), false, false).failure());
    assertSame(Failure.FORWARD, BinaryRows.DIV.failureAt(1, 0));
    assertSame(Failure.FORWARD, BinaryRows.DIV.failureWithin(Range.TOP, Range.closed(-1, 1)));
    assertNull(BinaryRows.DIV.failureWithin(Range.TOP, false, Range.closed(-1, 1), true)); // @NonZero divisor
  }

  @Test
  void safeFormsArePrintedFromTheGuardTransforms() {
    assertEquals("a / (b with |b| raised to at least eps, sign kept)", BinaryRows.DIV.safeForm(FloatFormat.FLOAT64));
    assertEquals("pow(max(x, 0) + eps, p)", BinaryRows.POW.safeForm(FloatFormat.FLOAT64));
  }

  @Test
  void aBinaryRowNeedsOneDomainPerOperand() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BinarySpec("bad",
        Hazard.DIV, Math::atan2, (a, b, y) -> 0, (a, b, y) -> 0, List.of(Domain.ALL), BinarySpec.Joint.ANY,
        Failure.FORWARD, (a, b) -> Range.TOP, 1, Guarding.awayFromZero(), null, null, "%s, %s", List.of("a", "b"),
        "bad of", null, null, ""));
    assertTrue(e.getMessage().contains("bad"));
  }
}
