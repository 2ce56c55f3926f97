package io.nanguard.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast exp of the softmax family stays within 1 ulp of Math.exp and is exact at its edges. */
class ExpTest {

  @Test
  void withinOneUlpOfMathExpOverTheWholeRange() {
    Random r = new Random(3);
    for (int i = 0; i < 1_000_000; i++) {
      double x = i % 2 == 0 ? r.nextDouble() * 1500 - 750 : r.nextGaussian() * 5;
      double want = Math.exp(x);
      double got = Exp.exp(x);
      assertTrue(got == want || Math.abs(got - want) <= Math.ulp(want),
          () -> "exp(" + x + ") = " + got + " vs " + want);
    }
  }

  @Test
  void edgesMatchMathExpExactly() {
    double[] xs = {0, -0.0, 1, -1, 709, -708, 709.5, -708.5, -745.2, -1000, 710, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE};
    for (double x : xs) {
      double want = Math.exp(x);
      double got = Exp.exp(x);
      assertTrue(Double.compare(got, want) == 0 || Math.abs(got - want) <= Math.ulp(want),
          () -> "exp(" + x + ") = " + got + " vs " + want);
    }
    assertEquals(1.0, Exp.exp(0));
    assertEquals(0.0, Exp.exp(-1000));
    assertTrue(Double.isNaN(Exp.exp(Double.NaN)));
    assertEquals(Double.POSITIVE_INFINITY, Exp.exp(710));
  }
}
