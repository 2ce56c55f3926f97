package io.nanguard.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The two-pass exp of the softmax family: within 1 ulp of Math.exp inside its window, and NaN
 * (the signal to take the exact path) everywhere else.
 */
class ExpTest {

  private static double[] exp(double... x) {
    double[] out = new double[x.length];
    Exp.reduced(x, out);
    for (int i = 0; i < x.length; i++) {
      out[i] *= Exp.scale(x[i]);
    }
    return out;
  }

  private static void assertWithinOneUlp(double x, double got) {
    double want = Math.exp(x);
    assertTrue(Math.abs(got - want) <= Math.ulp(want), () -> "exp(" + x + ") = " + got + " vs " + want);
  }

  @Test
  void withinOneUlpOfMathExpOverTheWholeWindow() {
    Random r = new Random(3);
    double[] x = new double[1_000_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 2 == 0 ? Exp.LO + r.nextDouble() * (Exp.HI - Exp.LO) : r.nextGaussian() * 5;
    }
    double[] got = exp(x);
    for (int i = 0; i < x.length; i++) {
      assertWithinOneUlp(x[i], got[i]);
    }
  }

  @Test
  void edgesOfTheWindowAndOfTheReductionAreAccurate() {
    double ln2 = Math.log(2);
    double[] x = {Exp.LO, Exp.HI, 0, -0.0, 1, -1, ln2 / 2, -ln2 / 2, 3.5 * ln2, -3.5 * ln2, 1e-300, -1e-17};
    double[] got = exp(x);
    for (int i = 0; i < x.length; i++) {
      assertWithinOneUlp(x[i], got[i]);
    }
    assertEquals(1.0, got[2]);
    assertEquals(1.0, got[3]);
  }

  @Test
  void outsideTheWindowTheReducedValueIsNaN() {
    double[] x = {Math.nextDown(Exp.LO) - 1e-9, Math.nextUp(Exp.HI) + 1e-9, -708.5, 709.5, 710, -745.2, -1000,
        1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.NaN};
    double[] reduced = new double[x.length];
    Exp.reduced(x, reduced);
    for (int i = 0; i < x.length; i++) {
      double v = x[i];
      assertTrue(Double.isNaN(reduced[i]), () -> "reduced(" + v + ") should be NaN");
    }
  }

  @Test
  void theWindowKeepsEveryResultNormalAndFinite() {
    // Why LO and HI are safe: 2^k and the result stay normal doubles, so the product is exact.
    assertTrue(Math.exp(Exp.LO) >= Double.MIN_NORMAL);
    assertTrue(Exp.scale(Exp.LO) >= Double.MIN_NORMAL);
    assertTrue(Double.isFinite(Exp.scale(Exp.HI)) && Double.isFinite(exp(Exp.HI)[0]));
  }
}
