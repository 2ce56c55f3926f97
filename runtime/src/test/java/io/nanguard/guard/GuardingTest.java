package io.nanguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.ops.Failure;
import io.nanguard.ops.OpCatalog;
import io.nanguard.ops.OpSpec;
import io.nanguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hazardous row of the catalogue, found by walking it (not listed here), has a guard
 * transform, and at each of its singular points the guarded op has a finite value, a finite
 * engine gradient and a finite central-difference slope; where the row is safe and the guard's
 * clamp is far away, the guard leaves the value alone.
 */
class GuardingTest {

  private static final double[] CANDIDATES = {0, -0.0, 1e-300, -1e-300, 1e-9, -1e-9, 1, -1, 1 + 1e-12, -1 - 1e-12, 2,
      -2, 0.5, 709.5, 709.79, 710, 800, 1e300, -1e300};
  private static final double[] REGULAR = {0.3, 0.7, 2.5, -0.4, 30};
  private static final double[] EPSILONS = {1e-8, 1e-4};
  private static final String SITE = "Walk.java:1";

  static Stream<OpSpec> hazardousRows() {
    List<OpSpec> rows = new ArrayList<>();
    for (OpSpec row : OpCatalog.unaryOps().values()) {
      if (row.hazardous()) {
        rows.add(row);
      }
    }
    for (double p : new double[] {0.5, 0.25, 1.5, 2.5, -1, -2, -0.5, -1.5}) {
      rows.add(OpCatalog.pow(p));
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hazardousRows")
  void guardedValueAndGradientAreFiniteAtEverySingularPoint(OpSpec row) {
    assertNotNull(row.guarding(), row.name() + " is hazardous but has no guard transform");
    int singular = 0;
    for (double eps : EPSILONS) {
      for (double x : CANDIDATES) {
        if (row.failureAt(x) == null) {
          continue;
        }
        singular++;
        String at = row.safeForm() + " at x = " + x + ", eps = " + eps;
        Tensor in = Tensor.of(x).requiresGrad(true);
        Tensor y = Guard.unary(row, in, eps, SITE);
        assertTrue(Double.isFinite(y.item()), at + ": value " + y.item());
        y.sum().backward();
        assertTrue(Double.isFinite(in.grad().item()), at + ": engine gradient " + in.grad().item());
        double h = 1e-6 * Math.max(1, Math.abs(x));
        double slope = (Guard.unary(row, x + h, eps, SITE) - Guard.unary(row, x - h, eps, SITE)) / (2 * h);
        assertTrue(Double.isFinite(slope), at + ": central difference " + slope);
        assertEquals(y.item(), Guard.unary(row, x, eps, SITE), 0, at + ": tensor and double guards differ");
      }
    }
    assertTrue(singular > 0, row.name() + ": no singular point among the candidates");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hazardousRows")
  void leavesSafeInputsAlone(OpSpec row) {
    for (double x : REGULAR) {
      if (row.failureAt(x) == null && row.failureAt(x - 0.01) == null && row.failureAt(x + 0.01) == null
          && Math.abs(x) < 700 && Math.abs(Math.abs(x) - 1) > 0.01) {
        double eps = 1e-12;
        double expected = row.apply(x);
        assertEquals(expected, Guard.unary(row, x, eps, SITE), 1e-9 * Math.max(1, Math.abs(expected)),
            row.safeForm() + " at " + x);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hazardousRows")
  void theGuardedFormItselfIsSafeEverywhere(OpSpec row) {
    for (double x : CANDIDATES) {
      Failure f = row.failureAt(guardedInput(row, x));
      assertEquals(null, f, row.safeForm() + ": the guard moves " + x + " to a point where the row fails");
    }
  }

  /** The input the row sees after the guard: read back by applying the transform through a safe identity. */
  private static double guardedInput(OpSpec row, double x) {
    return SafeInput.of(row.guarding(), 1e-8).apply(x);
  }
}
