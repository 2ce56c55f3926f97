package io.nanguard.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shared row kernel: its unshifted fast path and its max-shifted exact path agree with a
 * plain max-shifted reference in every layout, and neither overflows where the math does not.
 */
class SoftmaxRowsTest {

  /** lse of each line of a (outer, n, inner) array along the middle dim, the textbook way. */
  private static double[] referenceLse(double[] x, int outer, int n, int inner) {
    double[] lse = new double[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
          m = Math.max(m, x[(o * n + k) * inner + i]);
        }
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += Math.exp(x[(o * n + k) * inner + i] - m);
        }
        lse[o * inner + i] = m + Math.log(s);
      }
    }
    return lse;
  }

  @Test
  void everyLayoutMatchesTheReferenceOnBothPaths() {
    Random r = new Random(5);
    int[][] shapes = {{4, 7}, {7, 4}, {2, 5, 3}, {3, 1, 2}, {1, 9}};
    for (int[] shape : shapes) {
      for (int d = 0; d < shape.length; d++) {
        for (double scale : new double[] {1, 50, 400}) { // 400: many lines leave the fast window
          double[] x = new double[Shapes.numel(shape)];
          for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian() * scale;
          }
          SoftmaxRows rows = new SoftmaxRows(x, shape, d);
          double[] want = referenceLse(x, Shapes.outer(shape, d), shape[d], Shapes.inner(shape, d));
          for (int j = 0; j < want.length; j++) {
            assertEquals(want[j], rows.lse[j], 1e-12 * Math.max(1, Math.abs(want[j])),
                Arrays.toString(shape) + " dim " + d + " scale " + scale + " line " + j);
          }
          double[] ones = new double[want.length];
          Arrays.fill(ones, 1);
          double[] softmax = rows.weightedSoftmax(ones);
          double[] logSoftmax = rows.logSoftmax(x);
          for (int i = 0; i < x.length; i++) {
            assertEquals(Math.exp(logSoftmax[i]), softmax[i], 1e-12, "softmax = exp(logSoftmax)");
          }
          double[] sums = rows.lineSums(softmax);
          for (double s : sums) {
            assertEquals(1, s, 1e-12, "softmax sums to 1");
          }
        }
      }
    }
  }

  @Test
  void aLineOfTinyExponentialsTakesALargeUpstreamGradientWithoutOverflow() {
    // On the fast path exp(-708) = 3.3e-308 and 1 / sum is near 1e307: scaling by the upstream
    // gradient first would overflow.
    Tensor x = Tensor.of(new double[] {-708, -708}, 1, 2).requiresGrad(true);
    Tensor lse = x.logSumExp(1);
    assertEquals(-708 + Math.log(2), lse.item(), 1e-12);
    lse.mul(100).sum().backward();
    assertArrayEquals(new double[] {50, 50}, x.grad().toArray(), 1e-12);
  }

  @Test
  void aLineWhoseSumOverflowsUnshiftedIsComputedShifted() {
    SoftmaxRows rows = new SoftmaxRows(new double[] {709, 709, 709}, new int[] {1, 3}, 1);
    assertEquals(709 + Math.log(3), rows.lse[0], 1e-12);
    assertTrue(Double.isFinite(rows.inv[0]));
    double[] softmax = rows.weightedSoftmax(new double[] {1});
    assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, softmax, 1e-15);
  }
}
