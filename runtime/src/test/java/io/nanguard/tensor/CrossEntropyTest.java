package io.nanguard.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fused cross entropy against two truths: a plain reference (max-shifted {@code Math.exp},
 * written here element by element) and the unfused composition
 * {@code logSumExp(1) - indexSelect(targets), mean} it replaced, including extreme and
 * non-finite logits that leave the fast exp's window.
 */
class CrossEntropyTest {

  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  /** Loss and gradient of one cross entropy, computed without the engine. */
  private record Reference(double loss, double[] grad) {
    static Reference of(double[] x, int batch, int classes, int[] targets) {
      double[] grad = new double[x.length];
      double sum = 0;
      for (int b = 0; b < batch; b++) {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
          m = Math.max(m, x[b * classes + k]);
        }
        double s = 0;
        for (int k = 0; k < classes; k++) {
          s += Math.exp(x[b * classes + k] - m);
        }
        sum += m + Math.log(s) - x[b * classes + targets[b]];
        for (int k = 0; k < classes; k++) {
          double softmax = Math.exp(x[b * classes + k] - m) / s;
          grad[b * classes + k] = (softmax - (k == targets[b] ? 1 : 0)) / batch;
        }
      }
      return new Reference(sum / batch, grad);
    }
  }

  private static Tensor logits(double[] x, int batch, int classes) {
    return Tensor.of(x, batch, classes).requiresGrad(true);
  }

  private static Tensor unfused(Tensor logits, int[] targets) {
    int classes = logits.size(1);
    int[] flat = new int[targets.length];
    for (int b = 0; b < flat.length; b++) {
      flat[b] = b * classes + targets[b];
    }
    return logits.logSumExp(1).sub(logits.reshape(-1).indexSelect(0, flat)).mean();
  }

  /**
   * Within 1e-12 relative or 1e-15 absolute. The absolute part is for gradient entries
   * (softmax - 1) / batch at a target whose softmax is near 1: softmax itself is only known to an
   * ulp of 1, so the difference carries that absolute error in any implementation.
   */
  private static void assertClose(double want, double got, String what) {
    assertTrue(Math.abs(got - want) <= 1e-12 * Math.abs(want) + 1e-15, () -> what + ": " + got + " vs " + want);
  }

  private static void assertClose(double[] want, double[] got, String what) {
    assertEquals(want.length, got.length, what);
    for (int i = 0; i < want.length; i++) {
      assertClose(want[i], got[i], what + " element " + i);
    }
  }

  @ParameterizedTest(name = "{0} x {1}, logits x {2}")
  @CsvSource({"256, 100, 1", "256, 100, 30", "7, 3, 100", "1, 1, 1", "5, 1, 3", "3, 1000, 200"})
  void matchesTheReferenceAndTheUnfusedCompositionOnRandomLogits(int batch, int classes, double scale) {
    Random r = new Random(batch * 31L + classes);
    double[] x = new double[batch * classes];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian() * scale;
    }
    int[] targets = new int[batch];
    for (int b = 0; b < batch; b++) {
      targets[b] = r.nextInt(classes);
    }
    Reference ref = Reference.of(x, batch, classes, targets);
    Tensor fusedIn = logits(x, batch, classes);
    Tensor fused = fusedIn.crossEntropy(targets);
    fused.backward();
    Tensor unfusedIn = logits(x, batch, classes);
    Tensor unfused = unfused(unfusedIn, targets);
    unfused.backward();

    assertEquals("crossEntropy", fused.op());
    assertClose(ref.loss(), fused.item(), "loss vs reference");
    assertClose(ref.grad(), fusedIn.grad().toArray(), "gradient vs reference");
    assertClose(unfused.item(), fused.item(), "loss vs unfused");
    assertClose(unfusedIn.grad().toArray(), fusedIn.grad().toArray(), "gradient vs unfused");
  }

  @Test
  void extremeLogitsTakeTheExactPathAndStayAccurate() {
    double ln4 = Math.log(4);
    double[] x = {
        1000, 1000, -1000, 0, // huge and tiny in one row
        -1000, -1000, -1000, -1000, // row max far below -700
        -750, -760, -800, -720, // row max below -700, spread out
        709, 708.9, 708.5, 700, // each exp finite, their sum is not
        Exp.LO, 0, Exp.HI - ln4, Math.nextUp(Exp.LO), // the fast window's edges
        1e-300, -1e-300, 0, Double.MIN_VALUE, // tiny values
        -1000, 0, 1, 2 // one element out of the window, the rest ordinary
    };
    int[] targets = {2, 0, 3, 1, 0, 3, 1};
    int batch = targets.length;
    Reference ref = Reference.of(x, batch, 4, targets);
    Tensor in = logits(x, batch, 4);
    Tensor loss = in.crossEntropy(targets);
    loss.backward();
    assertClose(ref.loss(), loss.item(), "loss");
    assertClose(ref.grad(), in.grad().toArray(), "gradient");
    for (double g : in.grad().toArray()) {
      assertTrue(Double.isFinite(g), "finite gradient");
    }
  }

  @Test
  void eachExtremeRowAloneMatchesTheReference() {
    // Row by row, so a loss term that is small next to the others cannot hide in the mean.
    double[][] rows = {{1000, 1000, -1000, 0}, {-1000, -1000, -1000, -1000}, {-750, -760, -800, -720},
        {709, 708.9, 708.5, 700}, {Exp.LO, 0, 300, Math.nextUp(Exp.LO)}, {-1000, 0, 1, 2}};
    for (double[] row : rows) {
      for (int t = 0; t < row.length; t++) {
        int[] target = {t};
        Reference ref = Reference.of(row, 1, row.length, target);
        Tensor in = logits(row, 1, row.length);
        Tensor loss = in.crossEntropy(target);
        loss.backward();
        String what = Arrays.toString(row) + " target " + t;
        assertClose(ref.loss(), loss.item(), what + " loss");
        assertClose(ref.grad(), in.grad().toArray(), what + " gradient");
      }
    }
  }

  @Test
  void nanAndInfinitiesPropagateAsInTheUnfusedComposition() {
    double ninf = Double.NEGATIVE_INFINITY;
    double[][] rows = {{NAN, 0, 1}, {INF, 0, 1}, {ninf, 0, 1}, {ninf, ninf, ninf}, {INF, ninf, 0}, {INF, INF, 0},
        {0, 1, 2}};
    for (double[] row : rows) {
      for (int t = 0; t < row.length; t++) {
        int[] target = {t};
        Tensor fusedIn = logits(row, 1, 3);
        Tensor fused = fusedIn.crossEntropy(target);
        fused.backward();
        Tensor unfusedIn = logits(row, 1, 3);
        Tensor unfused = unfused(unfusedIn, target);
        unfused.backward();
        String what = Arrays.toString(row) + " target " + t;
        assertSameKind(unfused.item(), fused.item(), what + " loss");
        double[] want = unfusedIn.grad().toArray();
        double[] got = fusedIn.grad().toArray();
        for (int i = 0; i < want.length; i++) {
          assertSameKind(want[i], got[i], what + " gradient " + i);
        }
      }
    }
  }

  /** Equal as values (NaN equals NaN, infinities by sign), or both finite and close. */
  private static void assertSameKind(double want, double got, String what) {
    if (Double.isFinite(want) && Double.isFinite(got)) {
      assertClose(want, got, what);
    } else {
      assertEquals(want, got, what); // assertEquals(double, double) treats NaN as equal to NaN
    }
  }

  @Test
  void aMaskedLogitGetsExactlyZeroGradient() {
    Tensor in = logits(new double[] {Double.NEGATIVE_INFINITY, 0, Math.log(3)}, 1, 3);
    Tensor loss = in.crossEntropy(new int[] {2});
    assertClose(-Math.log(0.75), loss.item(), "loss");
    loss.backward();
    assertClose(new double[] {0, 0.25, -0.25}, in.grad().toArray(), "gradient");
  }

  @Test
  void aSecondBackwardThroughTheRetainedGraphAccumulatesTheSameGradient() {
    Random r = new Random(9);
    Tensor in = Tensor.randn(r, 6, 5).requiresGrad(true);
    int[] targets = {0, 4, 2, 2, 1, 3};
    Tensor loss = in.crossEntropy(targets);
    loss.backward();
    double[] once = in.grad().toArray();
    loss.backward();
    double[] twice = in.grad().toArray();
    for (int i = 0; i < once.length; i++) {
      assertClose(2 * once[i], twice[i], "element " + i);
    }
    assertClose(Reference.of(in.toArray(), 6, 5, targets).grad(), once, "first gradient");
  }

  @Test
  void noGradientIsRecordedForLogitsThatDoNotRequireIt() {
    Tensor loss = Tensor.of(new double[] {0, Math.log(3)}, 1, 2).crossEntropy(new int[] {1});
    assertClose(-Math.log(0.75), loss.item(), "loss");
    assertTrue(loss.isLeaf() && !loss.requiresGrad());
  }

  @Test
  void badInputNamesTheOpAndTheShapes() {
    Tensor logits = Tensor.zeros(2, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> logits.crossEntropy(new int[] {0, -1}));
    assertEquals("crossEntropy: target -1 at position 1 out of range for 3 classes", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> logits.crossEntropy(new int[] {3, 0}));
    assertEquals("crossEntropy: target 3 at position 0 out of range for 3 classes", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> logits.crossEntropy(new int[] {0, 1, 2}));
    assertEquals("crossEntropy: 3 targets for a batch of 2 (logits shape [2, 3])", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3, 1).crossEntropy(new int[] {0, 1}));
    assertEquals("crossEntropy: logits must be (batch, classes), got shape [2, 3, 1]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0, 3).crossEntropy(new int[0]));
    assertEquals("crossEntropy: empty batch (logits shape [0, 3])", e.getMessage());
  }
}
