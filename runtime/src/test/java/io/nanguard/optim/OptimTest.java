package io.nanguard.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Optimizer steps against hand-computed values, and gradient clipping. */
class OptimTest {

  @Test
  void sgdSubtractsLearningRateTimesGradient() {
    Tensor p = Tensor.of(1, 2).requiresGrad(true);
    Tensor q = Tensor.of(5).requiresGrad(true);
    Sgd sgd = new Sgd(List.of(p, q), 0.1);
    p.square().sum().backward(); // grad 2p = [2, 4]; q gets none and is skipped
    sgd.step();
    assertArrayEquals(new double[] {0.8, 1.6}, p.toArray(), 1e-15);
    assertArrayEquals(new double[] {5}, q.toArray());
    sgd.zeroGrad();
    assertNull(p.grad());
  }

  /**
   * Adam on loss = sum(p^2) from p = [1, -2], lr 0.1, betas (0.9, 0.999), eps 1e-8. By hand:
   * step 1: g = [2, -4], m = 0.1 g, v = 0.001 g^2, m/(1-0.9) = g, v/(1-0.999) = g^2, so
   * p -= 0.1 * g / (|g| + 1e-8) = [0.9000000005, -1.90000000025].
   * step 2: g = 2p = [1.800000001, -3.8000000005], m = 0.9 m + 0.1 g, v = 0.999 v + 0.001 g^2,
   * mhat = m / 0.19, vhat = v / 0.001999, p -= 0.1 mhat / (sqrt(vhat) + 1e-8).
   * The three results below were also printed by torch.optim.Adam (float64) for the same setup.
   */
  @Test
  void adamMatchesHandComputedSteps() {
    Tensor p = Tensor.of(1, -2).requiresGrad(true);
    Adam adam = new Adam(List.of(p), 0.1);
    double[][] expected = {
        {0.9000000005, -1.90000000025},
        {0.8004122286917927, -1.800166486115701},
        {0.7015862729460302, -1.700623392046465}};
    double[] m = new double[2];
    double[] v = new double[2];
    double[] byHand = {1, -2};
    for (int t = 1; t <= 3; t++) {
      adam.zeroGrad();
      p.square().sum().backward();
      adam.step();
      for (int i = 0; i < 2; i++) {
        double g = 2 * byHand[i];
        m[i] = 0.9 * m[i] + 0.1 * g;
        v[i] = 0.999 * v[i] + 0.001 * g * g;
        double mhat = m[i] / (1 - Math.pow(0.9, t));
        double vhat = v[i] / (1 - Math.pow(0.999, t));
        byHand[i] -= 0.1 * mhat / (Math.sqrt(vhat) + 1e-8);
      }
      assertArrayEquals(expected[t - 1], p.toArray(), 1e-12, "step " + t + " vs PyTorch");
      assertArrayEquals(byHand, p.toArray(), 1e-12, "step " + t + " vs the formula");
    }
  }

  @Test
  void clipNormReturnsThePreClipNormAndScalesLikePyTorch() {
    Tensor a = Tensor.of(0, 0).requiresGrad(true);
    Tensor b = Tensor.of(0).requiresGrad(true);
    a.mul(Tensor.of(3, 0)).sum().add(b.mul(4).sum()).backward(); // grads [3, 0] and [4]: norm 5
    double norm = GradClip.clipNorm(List.of(a, b), 1);
    assertEquals(5, norm, 1e-15);
    double scale = 1 / (5 + 1e-6);
    assertArrayEquals(new double[] {3 * scale, 0}, a.grad().toArray(), 1e-15);
    assertArrayEquals(new double[] {4 * scale}, b.grad().toArray(), 1e-15);
  }

  @Test
  void clipNormLeavesSmallGradientsAlone() {
    Tensor a = Tensor.of(1, 1).requiresGrad(true);
    a.mul(Tensor.of(3, 4)).sum().backward();
    assertEquals(5, GradClip.clipNorm(List.of(a), 10), 1e-15);
    assertArrayEquals(new double[] {3, 4}, a.grad().toArray());
  }

  @Test
  void clipNormReportsANonFiniteNormWithoutTouchingGradients() {
    Tensor a = Tensor.of(0, 1).requiresGrad(true);
    a.sqrt().mul(0).sum().backward(); // [NaN, 0]
    assertTrue(Double.isNaN(GradClip.clipNorm(List.of(a), 1)));
    assertTrue(Double.isNaN(a.grad().toArray()[0]));
    assertEquals(0, a.grad().toArray()[1]);
  }

  @Test
  void badOptimizerArgumentsAreRejectedWithTheOptimizerName() {
    Tensor p = Tensor.of(1).requiresGrad(true);
    Tensor nonLeaf = p.exp();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(p), 0)).getMessage()
        .contains("Sgd"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(nonLeaf), 0.1)).getMessage()
        .contains("Adam"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(), 0.1)).getMessage()
        .contains("no parameters"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p), 0.1, 1, 0.999, 1e-8))
        .getMessage().contains("betas"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> GradClip.clipNorm(List.of(p), 0))
        .getMessage().contains("maxNorm"));
  }
}
