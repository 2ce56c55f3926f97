package io.nanguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.ops.Domain;
import io.nanguard.ops.Flow;
import io.nanguard.ops.OpSpec;
import io.nanguard.ops.Range;
import io.nanguard.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Gradcheck against smooth functions, a deliberately wrong derivative, and kinks. */
class GradcheckTest {

  /** sin with a derivative that is off by a factor 2: a gradient bug gradcheck must catch. */
  private static final OpSpec WRONG_SIN = new OpSpec("wrongSin", null, Flow.GENERAL, Math::sin,
      (x, y) -> 2 * Math.cos(x), Domain.ALL, Domain.ALL, r -> Range.closed(-1, 1), false, null, "", "");

  @Test
  void smoothFunctionOfTwoInputsPasses() {
    Random random = new Random(3);
    Tensor a = Tensor.randn(random, 3, 2);
    Tensor b = Tensor.randn(random, 2, 4);
    Gradcheck.Result r = Gradcheck.check(x -> x[0].matmul(x[1]).tanh().logSoftmax(1), a, b);
    assertTrue(r.passed(), r.toString());
    assertTrue(r.nonDifferentiable().isEmpty(), r.toString());
    assertTrue(r.worst().error() < 1e-6, r.toString());
  }

  @Test
  void aWrongDerivativeIsTheWorstMismatch() {
    Gradcheck.Result r = Gradcheck.check(x -> x[0].unary(WRONG_SIN), Tensor.of(0.1, 1.0, 2.0));
    assertFalse(r.passed());
    // |2cos(x) - cos(x)| is largest at x = 0.1 (element 0), on the diagonal of the Jacobian.
    assertEquals(0, r.worst().element());
    assertEquals(0, r.worst().outputElement());
    assertEquals(2 * Math.cos(0.1), r.worst().analytic(), 1e-12);
    assertEquals(Math.cos(0.1), r.worst().numeric(), 1e-8);
    assertTrue(r.toString().startsWith("gradcheck FAILED: worst mismatch d out[0] / d input0[0]"), r.toString());
  }

  @Test
  void absAtZeroIsFlaggedAsNotDifferentiableInsteadOfFailing() {
    Gradcheck.Result r = Gradcheck.check(x -> x[0].abs().sum(), Tensor.of(0.0, 1.5, -2.0));
    assertTrue(r.passed(), r.toString());
    assertEquals(1, r.nonDifferentiable().size(), r.toString());
    assertEquals(0, r.nonDifferentiable().get(0).element());
    assertTrue(r.toString().contains("not differentiable at 1 point(s)"), r.toString());
  }

  @Test
  void reluAtZeroWouldMismatchButIsAKink() {
    // Central differences give 0.5 at the kink, autograd 0 (PyTorch's convention): not a bug.
    Gradcheck.Result r = Gradcheck.check(x -> x[0].relu().sum(), Tensor.of(0.0, 1.0));
    assertTrue(r.passed(), r.toString());
    assertEquals(1, r.nonDifferentiable().size());
    assertEquals(0.5, r.nonDifferentiable().get(0).numeric(), 1e-9);
  }

  @Test
  void sqrtAtZeroHasAnInfiniteSlope() {
    Gradcheck.Result r = Gradcheck.check(x -> x[0].sqrt().sum(), Tensor.of(0.0, 4.0));
    assertTrue(r.passed(), r.toString());
    assertEquals(0, r.nonDifferentiable().get(0).element());
  }

  @Test
  void highCurvatureIsNotMistakenForAKink() {
    Gradcheck.Result r = Gradcheck.check(x -> x[0].exp().sum(), Tensor.of(5.0, -3.0));
    assertTrue(r.passed(), r.toString());
    assertTrue(r.nonDifferentiable().isEmpty(), r.toString());
  }

  @Test
  void runsWithTheCheckerOffAndLeavesTheInputsAlone() {
    Tensor x = Tensor.of(0.0, 1.0);
    try (Anomaly a = Anomaly.detect(Checked.COLLECT)) {
      Gradcheck.check(t -> t[0].sqrt().sum(), x);
      assertTrue(a.report().isEmpty(), "the probes are not the user's computation: " + a.report());
      assertTrue(Anomaly.isActive());
    }
    assertEquals(0.0, x.get(0));
    assertTrue(x.grad() == null && !x.requiresGrad());
  }
}
