package io.nanguard.processor.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.ops.Range;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Env} shares its variables between copies until one side changes: a change to either
 * side must never show in the other, whichever changes first and however often it is copied.
 */
class EnvTest {

  private static Value point(double v) {
    return Value.plain(Fact.of(Range.point(v)), Kind.FLOAT, null, null, null);
  }

  private static Range rangeOf(Env e, String name) {
    return e.get(name).fact().range();
  }

  @Test
  void aChangeToTheOriginalDoesNotReachItsCopy() {
    Env original = new Env();
    original.put("x", point(1));
    Env copy = original.copy();
    original.put("x", point(2));
    original.put("y", point(3));
    assertEquals(Range.point(1), rangeOf(copy, "x"));
    assertFalse(copy.has("y"));
    assertEquals(Range.point(2), rangeOf(original, "x"));
  }

  @Test
  void aChangeToTheCopyDoesNotReachTheOriginal() {
    Env original = new Env();
    original.put("x", point(1));
    Env copy = original.copy();
    copy.put("x", point(5));
    Env copyOfCopy = copy.copy();
    copyOfCopy.put("x", point(7));
    assertEquals(Range.point(1), rangeOf(original, "x"));
    assertEquals(Range.point(5), rangeOf(copy, "x"));
    assertEquals(Range.point(7), rangeOf(copyOfCopy, "x"));
  }

  @Test
  void forgettingANarrowingInOneCopyKeepsItInTheOther() {
    Env original = new Env();
    original.put("n", point(4));
    original.put(Narrowing.fieldKey("scale"), point(2));
    Env copy = original.copy();
    copy.forgetNarrowed(k -> Narrowing.roots(k).contains(Narrowing.fieldKey("scale")));
    assertFalse(copy.has(Narrowing.fieldKey("scale")));
    assertTrue(copy.has("n"));
    assertEquals(Range.point(2), rangeOf(original, Narrowing.fieldKey("scale")));
  }

  @Test
  void forgettingNothingLeavesEveryVariable() {
    Env e = new Env();
    e.put("n", point(4));
    e.put(Narrowing.fieldKey("scale"), point(2));
    e.forgetNarrowed(k -> false);
    assertTrue(e.has("n"));
    assertTrue(e.has(Narrowing.fieldKey("scale")));
  }

  @Test
  void aStateMeetingItsOwnCopyKeepsItsValues() {
    Env e = new Env();
    Value x = point(3);
    e.put("x", x);
    Env merged = e.merge(e.copy(), false);
    assertSame(x, merged.get("x"));
    merged.put("x", point(9)); // and the merge is a state of its own
    assertEquals(Range.point(3), rangeOf(e, "x"));
  }

  @Test
  void restrictingToTheNamesInScopeDropsOnlyTheOthers() {
    Env e = new Env();
    e.put("outer", point(1));
    Env kept = e.restrictedTo(Set.of("outer"));
    kept.put("outer", point(2));
    assertEquals(Range.point(1), rangeOf(e, "outer"));
    e.put("inner", point(5));
    Env dropped = e.restrictedTo(Set.of("outer"));
    assertNull(dropped.get("inner"));
    assertTrue(e.has("inner"));
  }
}
