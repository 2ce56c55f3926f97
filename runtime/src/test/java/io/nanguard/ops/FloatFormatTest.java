package io.nanguard.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The limits table against Java's own float and double, and hand-derived half formats. */
class FloatFormatTest {

  @Test
  void float64AndFloat32AreJavasDoubleAndFloat() {
    assertEquals(Double.MAX_VALUE, FloatFormat.FLOAT64.maxValue());
    assertEquals(Double.MIN_NORMAL, FloatFormat.FLOAT64.minNormal());
    assertEquals(Math.ulp(1.0), FloatFormat.FLOAT64.epsilon());
    assertEquals(Float.MAX_VALUE, FloatFormat.FLOAT32.maxValue());
    assertEquals(Float.MIN_NORMAL, FloatFormat.FLOAT32.minNormal());
    assertEquals(Math.ulp(1.0f), FloatFormat.FLOAT32.epsilon());
  }

  @Test
  void expOverflowsJustAboveTheThreshold() {
    assertEquals(709.782712893384, FloatFormat.FLOAT64.expOverflow(), 1e-12);
    assertTrue(Double.isFinite(Math.exp(Math.nextDown(FloatFormat.FLOAT64.expOverflow()))));
    assertEquals(Double.POSITIVE_INFINITY, Math.exp(Math.nextUp(FloatFormat.FLOAT64.expOverflow() + 1e-12)));
    for (FloatFormat f : FloatFormat.values()) {
      double t = f.expOverflow();
      assertTrue(Double.isFinite(f.round(Math.exp(t - 1e-3))), f + " at " + t);
      assertEquals(Double.POSITIVE_INFINITY, f.round(Math.exp(t + 1e-2)), f + " above " + t);
    }
    assertEquals(88.72, FloatFormat.FLOAT32.expOverflow(), 0.01);
    assertEquals(11.09, FloatFormat.FLOAT16.expOverflow(), 0.01); // ln(65504)
    assertEquals(88.72, FloatFormat.BFLOAT16.expOverflow(), 0.01);
  }

  @Test
  void epsilonIsTheSmallestPowerOfTwoThatOneKeepsOnBothSides() {
    for (FloatFormat f : FloatFormat.values()) {
      double eps = f.epsilon();
      assertNotEquals(1.0, f.round(1 + eps), f + ": 1 + eps");
      assertNotEquals(1.0, f.round(1 - eps), f + ": 1 - eps");
      assertEquals(1.0, f.round(1 + eps / 2), f + ": 1 + eps/2 is a tie that rounds to 1");
    }
    assertEquals(1.0f, 1.0f - 1e-8f); // the example: in float32 a clamp to 1 - 1e-8 does nothing
    assertEquals(1.0, FloatFormat.FLOAT32.round(1 - 1e-8));
    assertEquals(Math.scalb(1.0, -10), FloatFormat.FLOAT16.epsilon());
    assertEquals(Math.scalb(1.0, -7), FloatFormat.BFLOAT16.epsilon());
  }

  @Test
  void halfFormatsHaveTheirDocumentedLimits() {
    assertEquals(65504, FloatFormat.FLOAT16.maxValue());
    assertEquals(6.103515625e-5, FloatFormat.FLOAT16.minNormal());
    assertEquals(Float.MIN_NORMAL, FloatFormat.BFLOAT16.minNormal());
    assertEquals(3.3895313892515355e38, FloatFormat.BFLOAT16.maxValue());
  }
}
