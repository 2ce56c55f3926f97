package io.nanguard.check;

import static io.nanguard.check.Checked.collect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checker knows the binary rows {@code atan2} and {@code pow} with a tensor exponent, which
 * were added as rows ({@code io.nanguard.ops.BinaryRows}) and {@code Tensor} methods with no edit
 * of the checker: it flags a pair of operands at a singular point in the forward pass, before
 * backward turns the gradient NaN, naming the line, the op and the elements, and judges each
 * pair exactly (x^2 at x = 0 is fine, x^0.5 is not).
 */
class NewBinaryRowTest {

  private int line;

  @Test
  void atan2AtTheOriginIsFlaggedAtItsForwardLine() {
    Tensor a = Tensor.of(1, 0, 0, 3).requiresGrad(true);
    Tensor b = Tensor.of(0, 0, 2, 0).requiresGrad(true);
    Report r = collect(() -> {
      a.atan2(b).sum().backward(); line = Here.line();
    });
    Finding f = r.findings().get(0);
    assertEquals(FindingKind.UNSAFE_INPUT, f.kind(), r.toString());
    assertEquals("atan2", f.op());
    assertEquals(line, f.site().line());
    assertEquals(List.of(1), f.indices()); // only (0, 0); (1, 0), (0, 2) and (3, 0) are regular points
    assertTrue(f.message().startsWith("atan2 operands are (0.0, 0.0) at [1] while a gradient flows: the value is"
        + " finite but the gradient is not (the partials of atan2(0.0, 0.0) are NaN and NaN)"), f.message());
    assertTrue(f.message().contains("keep the point away from the origin"), f.message());
    // Backward's NaN is then blamed on the same forward line.
    assertTrue(r.findings().stream().anyMatch(g -> g.kind() == FindingKind.NON_FINITE_GRADIENT
        && g.site().line() == line), r.toString());
  }

  @Test
  void pairsAreJudgedAfterBroadcasting() {
    Tensor a = Tensor.of(new double[] {0, 1}, 2, 1).requiresGrad(true); // a column
    Tensor b = Tensor.of(new double[] {2, 0, 0}, 3); // a row: the output is 2 x 3
    Report r = collect(() -> a.atan2(b).sum().backward());
    Finding f = r.findings().get(0);
    assertEquals(List.of(2, 3), f.shape());
    assertEquals(List.of(1, 2), f.indices()); // (0, 0) at [0][1] and [0][2]; row 1 has a = 1
    assertEquals(2, f.count());
  }

  @Test
  void withoutAGradientOnlyAForwardFailureCounts() {
    assertTrue(collect(() -> Tensor.of(0.0).atan2(Tensor.of(0.0))).isEmpty());
    Report r = collect(() -> Tensor.of(-8.0, 4.0).pow(Tensor.of(1.0 / 3, 0.5)));
    assertEquals(FindingKind.UNSAFE_INPUT, r.findings().get(0).kind(), r.toString()); // then the NaN it made
    assertTrue(r.findings().get(0).message().startsWith("pow operands are (-8.0, 0.3333333333333333) at [0]: the value is"
        + " not finite (pow(-8.0, 0.3333333333333333) = NaN)"), r.toString());
  }

  @Test
  void powWithATensorExponentIsJudgedPairByPair() {
    // 0^2 and (-2)^3 are regular (PyTorch: gradients 0 and 12); 0^0.5 has an infinite gradient.
    Tensor x = Tensor.of(0, -2, 0).requiresGrad(true);
    Tensor p = Tensor.of(2, 3, 0.5);
    Report r = collect(() -> x.pow(p).sum().backward());
    Finding f = r.findings().get(0);
    assertEquals("pow", f.op());
    assertEquals(List.of(2), f.indices(), r.toString());
    assertTrue(collect(() -> Tensor.of(0, -2, 4).requiresGrad(true).pow(Tensor.of(2, 3, 0.5)).sum().backward())
        .isEmpty());
  }

  @Test
  void aNegativeBaseOnlyMattersToTheExponentsGradientWhenItHasOne() {
    // d x^p / dp = x^p log x is NaN for x < 0, as in PyTorch: flagged only when p requires a gradient.
    Tensor p = Tensor.of(2.0).requiresGrad(true);
    Report r = collect(() -> Tensor.of(-3.0).pow(p).sum().backward());
    assertEquals(FindingKind.UNSAFE_INPUT, r.findings().get(0).kind(), r.toString());
    assertTrue(collect(() -> Tensor.of(-3.0).requiresGrad(true).pow(Tensor.of(2.0)).sum().backward()).isEmpty());
  }
}
