package io.nanguard.ops;

/**
 * A set of inputs on which an op is well behaved. The run-time checker asks whether one value is
 * inside; the compile-time analysis asks whether a whole {@link Range} is.
 */
public interface Domain {

  /** Whether the op is well behaved at x. */
  boolean contains(double x);

  /** Whether the op is well behaved at every point of r. */
  boolean covers(Range r);

  /** Every real number. */
  Domain ALL = interval(Range.TOP);

  /** Every number except 0: the domain of a divisor. */
  Domain NON_ZERO = new Domain() {
    @Override
    public boolean contains(double x) {
      return x != 0;
    }

    @Override
    public boolean covers(Range r) {
      return !r.contains(0);
    }

    @Override
    public String toString() {
      return "x != 0";
    }
  };

  /** The points of an interval. */
  static Domain interval(Range d) {
    return new Domain() {
      @Override
      public boolean contains(double x) {
        return d.contains(x);
      }

      @Override
      public boolean covers(Range r) {
        boolean lo = d.lo() < r.lo() || (d.lo() == r.lo() && (!d.loOpen() || r.loOpen()));
        boolean hi = d.hi() > r.hi() || (d.hi() == r.hi() && (!d.hiOpen() || r.hiOpen()));
        return lo && hi;
      }

      @Override
      public String toString() {
        return d.toString();
      }
    };
  }
}
