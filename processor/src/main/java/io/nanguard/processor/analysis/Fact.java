package io.nanguard.processor.analysis;

import io.nanguard.ops.Range;

/**
 * What the analysis knows about a value (for a tensor: about every element): an interval, and
 * whether 0 is excluded, which an interval alone cannot say for {@code @NonZero} values.
 *
 * @param range an interval holding every possible value
 * @param nonZero whether the value is known never to be exactly 0
 */
public record Fact(Range range, boolean nonZero) {

  /** Nothing known. */
  public static final Fact TOP = new Fact(Range.TOP, false);

  public Fact {
    // A 0 end of a non-zero value is an open end: the interval alone then says it.
    if (nonZero && range.lo() == 0 && !range.loOpen()) {
      range = new Range(0, true, range.hi(), range.hiOpen());
    }
    if (nonZero && range.hi() == 0 && !range.hiOpen()) {
      range = new Range(range.lo(), range.loOpen(), 0, true);
    }
    nonZero = nonZero || !range.contains(0);
  }

  /** The fact holding exactly the values of r. */
  public static Fact of(Range r) {
    return new Fact(r, false);
  }

  /** The smallest fact true of both. */
  public Fact join(Fact o) {
    return new Fact(range.join(o.range), nonZero && o.nonZero);
  }

  /** Widening for loops: ends that keep moving go to infinity. */
  public Fact widen(Fact next) {
    return new Fact(range.widen(next.range), nonZero && next.nonZero);
  }

  /** The fact narrowed by a condition known to hold (or unchanged if they do not meet). */
  public Fact meet(Range r) {
    return new Fact(range.meet(r), nonZero);
  }

  /** The single value, if this fact holds exactly one. */
  public Double constant() {
    return range.lo() == range.hi() ? range.lo() : null;
  }

  // Written out, with the record's semantics, for the reason given in Range.equals.

  @Override
  public boolean equals(Object o) {
    return o instanceof Fact f && nonZero == f.nonZero && range.equals(f.range);
  }

  @Override
  public int hashCode() {
    return range.hashCode() * 31 + Boolean.hashCode(nonZero);
  }
}
