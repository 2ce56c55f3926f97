package io.nanguard.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Element counts are computed exactly: a shape whose count does not fit a Java array is an
 * IllegalArgumentException naming the op and the shape, raised before any allocation (an int
 * product wraps: 65536 x 65536 is 0, 46341 x 46341 is negative).
 */
class ShapeLimitsTest {

  private static void rejects(String op, String shape, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().startsWith(op + ": shape " + shape), e.getMessage());
    assertTrue(e.getMessage().contains("more than a Java array holds"), e.getMessage());
  }

  @Test
  void factoriesRejectCountsAboveTheArrayLimit() {
    rejects("zeros", "[65536, 65536]", () -> Tensor.zeros(65536, 65536));
    rejects("zeros", "[46341, 46341]", () -> Tensor.zeros(46341, 46341));
    rejects("ones", "[2, 1073741824]", () -> Tensor.ones(2, 1 << 30));
    rejects("full", "[65536, 65536]", () -> Tensor.full(1, 65536, 65536));
    rejects("of", "[3, 1431655766]", () -> Tensor.of(new double[] {1, 2}, 3, 1431655766));
  }

  @Test
  void theMessageGivesTheExactCount() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(65536, 65536));
    assertTrue(e.getMessage().contains("4294967296 elements"), e.getMessage());
  }

  @Test
  void broadcastingAndMatmulCheckTheirResultShape() {
    Tensor row = Tensor.zeros(1, 65536);
    Tensor col = Tensor.zeros(65536, 1);
    rejects("add", "[65536, 65536]", () -> row.add(col));
    rejects("matmul", "[65536, 65536]", () -> col.matmul(row));
  }

  @Test
  void zeroSizedAndOrdinaryShapesStillWork() {
    assertEquals(0, Tensor.zeros(0, 1 << 30).numel());
    assertEquals(6, Tensor.zeros(2, 3).numel());
    assertEquals(2, Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).reshape(3, -1).size(1));
    assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, -1));
  }
}
