package io.nanguard.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** PyTorch's gradient conventions at singular points, accumulation, detach and deep graphs. */
class AutogradConventionsTest {

  private static Tensor leaf(double... x) {
    return Tensor.of(x).requiresGrad(true);
  }

  private static double[] grad(Tensor t) {
    return t.grad().toArray();
  }

  @Test
  void normAndDistAtExactlyZeroHaveGradientZero() {
    Tensor x = leaf(0, 0, 0);
    x.norm().backward();
    assertArrayEquals(new double[] {0, 0, 0}, grad(x));

    Tensor a = leaf(1, 2);
    Tensor b = leaf(1, 2);
    a.dist(b).backward();
    assertArrayEquals(new double[] {0, 0}, grad(a), 0.0);
    assertArrayEquals(new double[] {0, 0}, grad(b), 0.0); // -0.0 from sub's negation, as in PyTorch

    Tensor rows = Tensor.of(new double[] {0, 0, 3, 4}, 2, 2).requiresGrad(true);
    rows.norm(1).sum().backward();
    assertArrayEquals(new double[] {0, 0, 0.6, 0.8}, grad(rows), 1e-15);
  }

  @Test
  void absAndReluAtZeroHaveGradientZero() {
    Tensor x = leaf(-2, 0, 3);
    x.abs().sum().backward();
    assertArrayEquals(new double[] {-1, 0, 1}, grad(x));
    Tensor y = leaf(-2, 0, 3);
    y.relu().sum().backward();
    assertArrayEquals(new double[] {0, 0, 1}, grad(y));
  }

  @Test
  void clampPassesGradientOnTheClosedRangeOnly() {
    Tensor x = leaf(-2, -1, 0, 1, 2);
    x.clamp(-1, 1).sum().backward();
    assertArrayEquals(new double[] {0, 1, 1, 1, 0}, grad(x));
    Tensor y = leaf(-1, 0, 1);
    y.clampMin(0).sum().backward();
    assertArrayEquals(new double[] {0, 1, 1}, grad(y));
  }

  @Test
  void maximumAndMinimumSplitTiesEvenly() {
    Tensor a = leaf(1, 3, 2);
    Tensor b = leaf(2, 3, 1);
    a.maximum(b).sum().backward();
    assertArrayEquals(new double[] {0, 0.5, 1}, grad(a));
    assertArrayEquals(new double[] {1, 0.5, 0}, grad(b));
    Tensor c = leaf(1, 3, 2);
    Tensor d = leaf(2, 3, 1);
    c.minimum(d).sum().backward();
    assertArrayEquals(new double[] {1, 0.5, 0}, grad(c));
    assertArrayEquals(new double[] {0, 0.5, 1}, grad(d));
  }

  @Test
  void maxOverADimSendsTheGradientToTheFirstMaximum() {
    Tensor x = Tensor.of(new double[] {1, 2, 2, 0}, 2, 2).requiresGrad(true);
    x.max(1).sum().backward();
    assertArrayEquals(new double[] {0, 1, 1, 0}, grad(x));
  }

  @Test
  void handWrittenSqrtAtZeroHasInfiniteLocalGradient() {
    Tensor x = leaf(0, 4);
    x.sqrt().sum().backward();
    assertEquals(Double.POSITIVE_INFINITY, grad(x)[0]);
    assertEquals(0.25, grad(x)[1]);
    Tensor y = leaf(0, 4);
    y.pow(0.5).sum().backward();
    assertEquals(Double.POSITIVE_INFINITY, grad(y)[0]);
  }

  @Test
  void infiniteLocalGradientTimesZeroIsNan() {
    Tensor x = leaf(0, 0);
    x.square().sum().sqrt().backward();
    assertTrue(Double.isNaN(grad(x)[0]) && Double.isNaN(grad(x)[1]), "0 * inf through the chain rule");
    Tensor y = leaf(0, 1);
    y.sqrt().mul(0).sum().backward();
    assertTrue(Double.isNaN(grad(y)[0]));
    assertEquals(0, grad(y)[1]);
  }

  @Test
  void powZeroHasGradientZeroEverywhere() {
    Tensor x = leaf(0, 2);
    x.pow(0).sum().backward();
    assertArrayEquals(new double[] {0, 0}, grad(x));
  }

  @Test
  void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
    Tensor x = leaf(1, -2);
    Tensor y = x.square().sum();
    y.backward();
    assertArrayEquals(new double[] {2, -4}, grad(x));
    y.backward();
    assertArrayEquals(new double[] {4, -8}, grad(x));
    x.mul(3).sum().backward();
    assertArrayEquals(new double[] {7, -5}, grad(x));
    x.zeroGrad();
    assertNull(x.grad());
  }

  @Test
  void aTensorUsedTwiceGetsBothContributions() {
    Tensor x = leaf(3);
    x.mul(x).add(x).sum().backward();
    assertArrayEquals(new double[] {7}, grad(x));
    Tensor z = leaf(2);
    z.add(z).backward();
    assertArrayEquals(new double[] {2}, grad(z));
  }

  @Test
  void detachCutsTheGraphButSharesTheValues() {
    Tensor x = leaf(2, 3);
    Tensor d = x.detach();
    assertFalse(d.requiresGrad());
    assertTrue(d.isLeaf());
    assertSame(x.data(), d.data());
    x.mul(d).sum().backward();
    assertArrayEquals(new double[] {2, 3}, grad(x), "only the non-detached path contributes");
  }

  @Test
  void inputsWithoutRequiresGradGetNoGradient() {
    Tensor x = leaf(1, 2);
    Tensor c = Tensor.of(5, 6);
    x.mul(c).sum().backward();
    assertNull(c.grad());
    assertArrayEquals(new double[] {5, 6}, grad(x));
    assertFalse(c.mul(2).requiresGrad());
    assertTrue(c.mul(2).isLeaf());
  }

  @Test
  void gradientKeepsTheLeafShape() {
    Tensor x = Tensor.ones(2, 3).requiresGrad(true);
    x.sum().backward();
    assertArrayEquals(new int[] {2, 3}, x.grad().shape());
  }

  @Test
  void aChainOfAHundredThousandNodesRunsBackwardWithoutStackOverflow() {
    Tensor x = leaf(1);
    Tensor y = x;
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      y = y.mul(1.00001).add(1e-6);
    }
    y.sum().backward();
    assertEquals(Math.pow(1.00001, n), grad(x)[0], 1e-9 * Math.pow(1.00001, n));
  }

  @Test
  void opNamesAreRecordedOnTheGraph() {
    Tensor x = leaf(1);
    assertNull(x.op());
    assertEquals("sqrt", x.sqrt().op());
    assertEquals("matmul", Tensor.ones(1, 1).requiresGrad(true).matmul(Tensor.ones(1, 1)).op());
  }
}
