package io.nanguard.check;

import static io.nanguard.check.Checked.collect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * atan2 at (0, 0) is reported where backward turns the gradient NaN (the forward check, in
 * {@link NewBinaryRowTest}, flags it first), and a safe atan2 is not reported.
 */
class BinaryRowCheckTest {

  @Test
  void atan2AtTheOriginIsReportedWhenBackwardMakesTheGradientNaN() {
    Tensor a = Tensor.of(0.0, 1.0).requiresGrad(true);
    Tensor b = Tensor.of(0.0, 2.0).requiresGrad(true);
    Report r = collect(() -> a.atan2(b).sum().backward());
    assertTrue(r.findings().stream().anyMatch(f -> f.kind() == FindingKind.NON_FINITE_GRADIENT
        && f.op().equals("atan2")), r.toString());
    assertTrue(collect(() -> Tensor.of(0.0, 1.0).requiresGrad(true).atan2(Tensor.of(1.0, 2.0)).sum().backward())
        .isEmpty());
    assertEquals(0, Tensor.of(0.0).atan2(Tensor.of(0.0)).item(), 0);
  }
}
