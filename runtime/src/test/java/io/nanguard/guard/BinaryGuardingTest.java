package io.nanguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.ops.BinaryRows;
import io.nanguard.ops.BinarySpec;
import io.nanguard.tensor.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hazardous binary row, found by walking {@link BinaryRows#rows()}, has a guard transform,
 * and at each of its singular pairs the guarded op ({@link Guard#binary}) has a finite value and
 * finite engine gradients for both operands; away from its singular set it equals the row, value
 * and gradient, the gradient checked against central differences of the unguarded row.
 */
class BinaryGuardingTest {

  private static final double[] CANDIDATES = {0, -0.0, 1e-300, -1e-9, 1e-9, 1, -1, 2, -2, 0.5, -0.5, 1.0 / 3};
  private static final double[][] REGULAR = {{0.3, 0.7}, {2.5, -1.5}, {-0.4, 2}, {1.7, 3}};
  private static final double EPS = 1e-8;
  private static final String SITE = "Walk.java:1";
  private static final String ORIGIN = "Origin.java:7";

  static Stream<BinarySpec> hazardousRows() {
    return BinaryRows.rows().values().stream().filter(BinarySpec::hazardous);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hazardousRows")
  void guardedValueAndGradientsAreFiniteAtEverySingularPair(BinarySpec row) {
    assertNotNull(row.guarding(), row.name() + " is hazardous but has no guard transform");
    int singular = 0;
    for (double a : CANDIDATES) {
      for (double b : CANDIDATES) {
        if (row.failureAt(a, b) == null) {
          continue;
        }
        singular++;
        String at = row.safeForm(io.nanguard.ops.FloatFormat.FLOAT64) + " at (" + a + ", " + b + ")";
        Tensor ta = Tensor.of(a).requiresGrad(true);
        Tensor tb = Tensor.of(b).requiresGrad(true);
        Tensor y = Guard.binary(row, ta, tb, EPS, SITE);
        assertTrue(Double.isFinite(y.item()), at + ": value " + y.item());
        y.sum().backward();
        assertTrue(Double.isFinite(ta.grad().item()) && Double.isFinite(tb.grad().item()),
            at + ": gradients " + ta.grad().item() + ", " + tb.grad().item());
      }
    }
    assertTrue(singular > 0, row.name() + ": no singular pair among the candidates");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hazardousRows")
  void equalsTheRowAwayFromItsSingularSet(BinarySpec row) {
    double h = 1e-6;
    for (double[] p : REGULAR) {
      double a = p[0];
      double b = p[1];
      if (row.failureAt(a, b) != null) {
        continue;
      }
      Tensor ta = Tensor.of(a).requiresGrad(true);
      Tensor tb = Tensor.of(b).requiresGrad(true);
      Tensor y = Guard.binary(row, ta, tb, 1e-12, SITE);
      double tol = 1e-9 * Math.max(1, Math.abs(row.apply(a, b)));
      assertEquals(row.apply(a, b), y.item(), tol, row.name() + " at (" + a + ", " + b + ")");
      y.sum().backward();
      double da = (row.apply(a + h, b) - row.apply(a - h, b)) / (2 * h);
      double db = (row.apply(a, b + h) - row.apply(a, b - h)) / (2 * h);
      assertEquals(da, ta.grad().item(), 1e-6 * Math.max(1, Math.abs(da)), row.name() + " d/da at (" + a + ", " + b + ")");
      assertEquals(db, tb.grad().item(), 1e-6 * Math.max(1, Math.abs(db)), row.name() + " d/db at (" + a + ", " + b + ")");
    }
  }

  @Test
  void atan2AtTheOriginIsHandDerived() {
    // b is moved to +eps only where |a| < eps too: atan2(0, eps) = 0, d/da = eps / eps^2 = 1 / eps,
    // d/db = 0 (clamped); PyTorch gives NaN for both partials there.
    Tensor a = Tensor.of(0, 1e-9, 1).requiresGrad(true);
    Tensor b = Tensor.of(0, 0, 0).requiresGrad(true);
    Tensor y = Guard.binary(BinaryRows.ATAN2, a, b, EPS, ORIGIN);
    assertEquals(0, y.get(0), 0);
    assertEquals(Math.atan2(1e-9, EPS), y.get(1), 1e-15);
    assertEquals(Math.PI / 2, y.get(2), 0); // |a| >= eps: the row's own value, unmoved
    y.sum().backward();
    assertEquals(1 / EPS, a.grad().get(0), 1e-6);
    assertEquals(0, b.grad().get(0), 0);
    assertEquals(0, a.grad().get(2), 0); // d atan2(a, 0)/da = 0 / a^2
    assertEquals(-1, b.grad().get(2), 1e-15); // d atan2(a, b)/db = -a / (a^2 + b^2) = -1
    assertEquals(2, GuardStats.of(ORIGIN).engagedElements(), "two pairs moved, counted once despite backward");
  }

  @Test
  void powWithATensorExponentMovesTheBaseAsForAnUnknownExponent() {
    Tensor x = Tensor.of(-1, 0, 4).requiresGrad(true);
    Tensor p = Tensor.of(0.5, 0.5, 0.5);
    Tensor y = Guard.pow(x, p, EPS, SITE);
    for (int i = 0; i < 3; i++) {
      assertEquals(Guard.pow(x.get(i), 0.5, EPS, SITE), y.get(i), 0, "element " + i);
    }
    y.sum().backward();
    assertEquals(0, x.grad().get(0), 0); // clamped
    assertEquals(0.5 / Math.sqrt(EPS), x.grad().get(1), 1e-3); // p (0 + eps)^(p - 1)
    assertEquals(0.5 / Math.sqrt(4 + EPS), x.grad().get(2), 1e-12);
  }
}
