package io.nanguard.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Ranges under rounding: sums whose open end rounds onto the bound, constants in a narrower format, exp per format. */
class FormatRangesTest {

  @Test
  void aSumKeepsAnOpenEndOnlyIfRoundingCannotReachTheBound() {
    Range r = new Range(0, true, 1, true).add(Range.point(1));
    assertEquals(1, r.lo());
    assertFalse(r.loOpen(), "1e-200 + 1 == 1, so 1 is reached");
    assertFalse(r.hiOpen(), "nextDown(1) + 1 rounds to 2 as well");
    assertTrue(new Range(0, true, 1, true).add(Range.point(0)).hiOpen(), "nextDown(1) + 0 < 1");
    assertFalse(new Range(0, true, 1, false).add(Range.point(0.5)).loOpen(), "1e-300 + 0.5 == 0.5");
    assertTrue(new Range(0, true, 1, false).add(Range.point(0)).loOpen(), "x + 0 == x > 0");
  }

  @Test
  void roundingARangeToFloat32ClosesTheEndsItMoves() {
    Range unit = FloatFormat.FLOAT32.round(Range.closed(-1 + 1e-9, 1 - 1e-9));
    assertEquals(Range.closed(-1, 1), unit, "1 - 1e-9 is 1 in float32");
    Range open = FloatFormat.FLOAT32.round(new Range(0, true, 1e-50, true));
    assertEquals(0, open.hi());
    assertFalse(open.hiOpen());
    assertEquals(Range.closed(-1 + 1e-9, 1 - 1e-9), FloatFormat.FLOAT64.round(Range.closed(-1 + 1e-9, 1 - 1e-9)));
  }

  @Test
  void expOverflowsAtEachFormatsOwnLimit() {
    Range upTo100 = Range.closed(0, 100);
    assertNull(OpCatalog.EXP.failureWithin(upTo100, FloatFormat.FLOAT64));
    assertEquals(Failure.FORWARD, OpCatalog.EXP.failureWithin(upTo100, FloatFormat.FLOAT32));
    assertNull(OpCatalog.EXP.failureWithin(Range.closed(0, 88), FloatFormat.FLOAT32));
    assertEquals(Failure.FORWARD, OpCatalog.EXP.failureWithin(Range.closed(0, 12), FloatFormat.FLOAT16));
    assertNull(OpCatalog.SQRT.failureWithin(Range.closed(1, 100), FloatFormat.FLOAT16));
  }
}
