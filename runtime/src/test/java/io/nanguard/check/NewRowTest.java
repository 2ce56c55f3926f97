package io.nanguard.check;

import static io.nanguard.check.Checked.collect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.guard.Guard;
import io.nanguard.ops.OpCatalog;
import io.nanguard.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checker and the guard know {@code logit}, which was added as one catalogue row and one
 * {@code Tensor} method with no edit of either: the proof that an op is one row.
 */
class NewRowTest {

  private int line;

  @Test
  void theCheckerFlagsLogitAtTheEdgesOfItsDomainBeforeTheNaN() {
    Tensor p = Tensor.of(0.5, 0, 1, 0.25).requiresGrad(true);
    Report r = collect(() -> {
      p.logit(); line = Here.line();
    });
    Finding f = r.findings().get(0);
    assertEquals(FindingKind.UNSAFE_INPUT, f.kind(), r.toString());
    assertEquals("logit", f.op());
    assertEquals(line, f.site().line());
    assertEquals(List.of(1, 2), f.indices());
    assertTrue(f.message().contains("clamp the probability"), f.message());
    assertTrue(collect(() -> Tensor.of(0.5, 0.1).requiresGrad(true).logit().sum().backward()).isEmpty());
  }

  @Test
  void theGuardClampsIntoTheOpenUnitInterval() {
    Tensor p = Tensor.of(0, 1, 0.5).requiresGrad(true);
    Tensor y = Guard.unary(OpCatalog.LOGIT, p, 1e-8, "Loss.java:3");
    assertEquals(Math.log(1e-8) - Math.log1p(-1e-8), y.get(0), 1e-9);
    assertEquals(-y.get(0), y.get(1), 1e-6);
    assertEquals(0, y.get(2), 0);
    y.sum().backward();
    assertEquals(List.of(0.0, 0.0, 4.0), List.of(p.grad().get(0), p.grad().get(1), p.grad().get(2)));
    assertEquals("logit(clamp(x, eps, 1 - eps))", OpCatalog.LOGIT.safeForm());
  }
}
