package io.nanguard.junit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The assertions pass on good tensors and fail with messages that locate the problem. */
class NanAssertionsTest {

  @Test
  void assertFinite() {
    assertDoesNotThrow(() -> NanAssertions.assertFinite(Tensor.of(1, 2, 3)));
    Tensor bad = Tensor.of(new double[] {1, 2, Double.NaN, 4, 5, Double.NEGATIVE_INFINITY}, 3, 2);
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> NanAssertions.assertFinite(bad));
    assertTrue(e.getMessage().contains("NaN in rows [1, 2] (2 elements) of a tensor of shape [3, 2]"), e.getMessage());
  }

  @Test
  void assertGradientsFinite() {
    Tensor ok = Tensor.of(1.0, 4.0).requiresGrad(true);
    Tensor atZero = Tensor.of(0.0, 4.0).requiresGrad(true);
    ok.sqrt().add(atZero.sqrt()).sum().backward();
    assertDoesNotThrow(() -> NanAssertions.assertGradientsFinite(ok));
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> NanAssertions.assertGradientsFinite(ok, atZero));
    assertTrue(e.getMessage().contains("param1     [2]"), e.getMessage());
    AssertionFailedError missing = assertThrows(AssertionFailedError.class,
        () -> NanAssertions.assertGradientsFinite(Tensor.of(1.0).requiresGrad(true)));
    assertTrue(missing.getMessage().startsWith("expected every parameter to have a gradient"), missing.getMessage());
  }

  @Test
  void assertGradcheck() {
    assertDoesNotThrow(() -> NanAssertions.assertGradcheck(x -> x[0].tanh().mul(x[1]).sum(),
        Tensor.of(0.3, -1.2), Tensor.of(2.0, 0.5)));
    assertDoesNotThrow(() -> NanAssertions.assertGradcheck(x -> x[0].abs().sum(), Tensor.of(0.0)),
        "a kink is reported, not failed");
  }
}
