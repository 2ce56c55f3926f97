package io.nanguard.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue's claims hold on concrete numbers: the range transfer never excludes a value the
 * op really produces, a domain that covers a range contains every point of it, and inside the
 * gradient domain value and derivative are finite.
 */
class OpCatalogTest {

  private static final double[] ENDS = {Double.NEGATIVE_INFINITY, -1000, -2, -1, -0.5, 0, 1e-9, 0.5, 1, 2, 700,
      709, 710, 1000, Double.POSITIVE_INFINITY};
  private static final double[] SPECIAL = {-1, -0.0, 0, 1, 1e-300, -1e-300, 709.78, 709.79, -1 + 1e-12, 1 - 1e-12};

  static Stream<OpSpec> ops() {
    List<OpSpec> all = new ArrayList<>(OpCatalog.unaryOps().values());
    for (double p : new double[] {0, 1, 2, 3, 0.5, 1.5, 2.5, -1, -2, -0.5, -1.5}) {
      all.add(OpCatalog.pow(p));
    }
    return all.stream();
  }

  /** Random ranges built from interesting end points, with random open or closed ends. */
  private static List<Range> ranges(Random r) {
    List<Range> out = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      double a = ENDS[r.nextInt(ENDS.length)];
      double b = ENDS[r.nextInt(ENDS.length)];
      if (a > b) {
        double t = a;
        a = b;
        b = t;
      }
      boolean aOpen = r.nextBoolean();
      boolean bOpen = r.nextBoolean();
      if (a == b) {
        aOpen = bOpen = false;
        if (Double.isInfinite(a)) {
          continue;
        }
      }
      out.add(new Range(a, aOpen, b, bOpen));
    }
    return out;
  }

  /** Points inside r: closed finite ends, special values, and uniform samples. */
  private static List<Double> pointsIn(Range range, Random r) {
    List<Double> pts = new ArrayList<>();
    if (!range.loOpen()) {
      pts.add(range.lo());
    }
    if (!range.hiOpen()) {
      pts.add(range.hi());
    }
    for (double s : SPECIAL) {
      if (range.contains(s)) {
        pts.add(s);
      }
    }
    double lo = Math.max(range.lo(), -1e6);
    double hi = Math.min(range.hi(), 1e6);
    for (int i = 0; i < 30; i++) {
      double x = lo + (hi - lo) * r.nextDouble();
      if (range.contains(x)) {
        pts.add(x);
      }
    }
    return pts;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ops")
  void rangeTransferAndDomainsAreSoundOnSampledPoints(OpSpec op) {
    Random random = new Random(op.toString().hashCode());
    int checked = 0;
    for (Range range : ranges(random)) {
      Range image = op.imageOf(range);
      boolean valueCovered = op.valueDomain().covers(range);
      boolean gradCovered = op.gradientDomain().covers(range);
      Failure worst = op.failureWithin(range);
      for (double x : pointsIn(range, random)) {
        double y = op.apply(x);
        Supplier<String> at = () -> op.name() + " at " + x + " in " + range;
        if (op.valueDomain().contains(x) && Double.isFinite(y)) {
          assertTrue(image.contains(y), () -> at.get() + ": f(x) = " + y + " outside the transferred range " + image);
          checked++;
        }
        if (op.valueDomain().contains(x) && modelled(x)) {
          assertTrue(Double.isFinite(y), () -> at.get() + ": value domain holds x but f(x) = " + y);
        }
        if (op.gradientDomain().contains(x) && modelled(x)) {
          double d = op.derivative(x, y);
          assertTrue(Double.isFinite(d), () -> at.get() + ": gradient domain holds x but f'(x) = " + d);
        }
        if (valueCovered) {
          assertTrue(op.valueDomain().contains(x), () -> at.get() + ": value domain covers the range but not x");
        }
        if (gradCovered) {
          assertTrue(op.gradientDomain().contains(x), () -> at.get() + ": gradient domain covers the range but not x");
        }
        Failure here = op.failureAt(x);
        if (here == Failure.FORWARD) {
          assertEquals(Failure.FORWARD, worst, () -> at.get() + ": a forward failure inside a range judged " + worst);
        } else if (here == Failure.GRADIENT) {
          assertTrue(worst != null, () -> at.get() + ": a gradient failure inside a range judged safe");
        }
      }
    }
    assertTrue(checked > 100, op.name() + ": too few points checked (" + checked + ")");
  }

  /**
   * Domains describe the mathematical singular points; overflow of 1/x or x^-2 at magnitudes
   * below 1e-150 is left to the run-time finiteness checks (the analysis never sees such constants).
   */
  private static boolean modelled(double x) {
    return x == 0 || Math.abs(x) >= 1e-150;
  }

  @Test
  void singularPointsAreWherePyTorchFails() {
    assertSame(Failure.GRADIENT, OpCatalog.SQRT.failureAt(0));
    assertEquals(Double.POSITIVE_INFINITY, OpCatalog.SQRT.derivative(0, 0));
    assertSame(Failure.FORWARD, OpCatalog.SQRT.failureAt(-1));
    assertNull(OpCatalog.SQRT.failureAt(1e-300));
    assertSame(Failure.FORWARD, OpCatalog.RSQRT.failureAt(0));
    assertSame(Failure.FORWARD, OpCatalog.LOG.failureAt(0));
    assertSame(Failure.FORWARD, OpCatalog.LOG1P.failureAt(-1));
    assertSame(Failure.FORWARD, OpCatalog.RECIPROCAL.failureAt(0));
    assertSame(Failure.FORWARD, OpCatalog.EXP.failureAt(710));
    assertNull(OpCatalog.EXP.failureAt(709));
    assertSame(Failure.GRADIENT, OpCatalog.ACOS.failureAt(1));
    assertSame(Failure.FORWARD, OpCatalog.ASIN.failureAt(-1.5));
    assertSame(Failure.GRADIENT, OpCatalog.pow(0.5).failureAt(0));
    assertSame(Failure.FORWARD, OpCatalog.pow(-1).failureAt(0));
    assertSame(Failure.FORWARD, OpCatalog.pow(1.5).failureAt(-1));
    assertNull(OpCatalog.pow(2).failureAt(0));
    assertNull(OpCatalog.pow(2).hazard());
    assertEquals(0, OpCatalog.ABS.derivative(0, 0));
    assertEquals(0, OpCatalog.RELU.derivative(0, 0));
  }

  @Test
  void rangesDecideSafetyWithOpenEnds() {
    assertSame(Failure.GRADIENT, OpCatalog.SQRT.failureWithin(Range.NON_NEGATIVE));
    assertNull(OpCatalog.SQRT.failureWithin(Range.POSITIVE));
    assertNull(OpCatalog.SQRT.failureWithin(Range.NON_NEGATIVE.add(Range.point(1e-8))));
    assertSame(Failure.FORWARD, OpCatalog.SQRT.failureWithin(Range.TOP));
    assertSame(Failure.FORWARD, OpCatalog.LOG.failureWithin(Range.UNIT));
    assertNull(OpCatalog.LOG.failureWithin(Range.closed(1e-12, 1)));
    assertSame(Failure.FORWARD, OpCatalog.divisor().failureWithin(Range.closed(-1, 1)));
    assertNull(OpCatalog.divisor().failureWithin(Range.closed(0.5, 1)));
    assertSame(Failure.GRADIENT, OpCatalog.ACOS.failureWithin(Range.closed(-1, 1)));
    assertNull(OpCatalog.ACOS.failureWithin(Range.closed(-0.999, 0.999)));
  }

  @Test
  void rangeArithmeticHandHoldsExamples() {
    assertEquals(Range.closed(0, 4), Range.closed(-2, 1).square());
    assertEquals(Range.closed(-3, 3), Range.closed(-1, 1).mul(Range.closed(-3, 2)));
    assertEquals(Range.TOP, Range.closed(1, 2).div(Range.closed(-1, 1)));
    assertEquals(Range.closed(0.5, 2), Range.closed(1, 2).div(Range.closed(1, 2)));
    assertEquals(new Range(0, false, Double.POSITIVE_INFINITY, true),
        Range.closed(0, 1).widen(Range.closed(0, 2)));
    assertEquals(Range.closed(0, 2), Range.closed(-1, 2).abs());
    assertEquals(Range.closed(1, 3), Range.closed(0, 1).join(Range.closed(2, 3)).meet(Range.closed(1, 5)));
    assertFalse(Range.POSITIVE.contains(0));
    assertTrue(Range.NON_NEGATIVE.reachesAtOrBelow(0));
    assertFalse(Range.POSITIVE.reachesAtOrBelow(0));
    assertEquals("(0, inf)", Range.POSITIVE.toString());
  }

  @Test
  void catalogueIndexesEveryFixedOpByName() {
    for (String name : List.of("neg", "abs", "square", "sqrt", "rsqrt", "reciprocal", "exp", "expm1", "log",
        "log1p", "sigmoid", "tanh", "relu", "softplus", "logSigmoid", "sin", "cos", "acos", "asin")) {
      assertEquals(name, OpCatalog.byName(name).name());
    }
    assertNull(OpCatalog.byName("nope"));
  }

  @Test
  void everyDeclaredRowIsInTheListATensorMethodAndATableRow() throws ReflectiveOperationException {
    int constants = 0;
    for (java.lang.reflect.Field f : OpCatalog.class.getFields()) {
      if (f.getType() != OpSpec.class) {
        continue;
      }
      constants++;
      OpSpec row = (OpSpec) f.get(null);
      assertSame(row, OpCatalog.unaryOps().get(row.name()), f.getName() + " is missing from the row list");
      assertEquals(f.getName(), OpCatalog.constantName(row));
      assertEquals(io.nanguard.tensor.Tensor.class, io.nanguard.tensor.Tensor.class.getMethod(row.name()).getReturnType(),
          row.name() + ": every row is a Tensor method of the same name");
      assertSame(row, io.nanguard.ops.api.TensorLibraryApi.TABLE.instanceMethod(row.name(), 0).op(),
          row.name() + ": every row is in the Tensor table");
      assertEquals(row.hazardous(), row.guarding() != null, row.name() + ": a guard exactly for a hazardous row");
    }
    assertEquals(constants, OpCatalog.unaryOps().size());
  }

  @Test
  void safeFormsAreWrittenFromTheGuardTransforms() {
    assertEquals("sqrt(max(x, 0) + eps)", OpCatalog.SQRT.safeForm());
    assertEquals("log(max(x, eps))", OpCatalog.LOG.safeForm());
    assertEquals("log1p(max(x, -1 + eps))", OpCatalog.LOG1P.safeForm());
    assertEquals("acos(clamp(x, -1 + eps, 1 - eps))", OpCatalog.ACOS.safeForm());
    assertEquals("exp(min(x, 709))", OpCatalog.EXP.safeForm());
    assertEquals("reciprocal(x with |x| raised to at least eps, sign kept)", OpCatalog.RECIPROCAL.safeForm());
    assertEquals("pow(max(x, 0) + eps, p)", OpCatalog.pow(0.5).safeForm());
    assertEquals("pow(max(x, 0), p)", OpCatalog.pow(1.5).safeForm());
    assertEquals("exp(min(x, 88))", "exp(" + OpCatalog.EXP.guarding().form("x", FloatFormat.FLOAT32) + ")");
  }

  /** Non-zero inputs of every magnitude, both signs, the subnormals and the infinities included. */
  private static List<Double> nonZeroSamples() {
    List<Double> xs = new ArrayList<>();
    for (double m : new double[] {Double.MIN_VALUE, 1e-320, Double.MIN_NORMAL, 1e-200, 1e-9, 0.5, 1, 3, 1e9, 1e300,
        Double.MAX_VALUE, Double.POSITIVE_INFINITY}) {
      xs.add(m);
      xs.add(-m);
    }
    Random random = new Random(12);
    for (int i = 0; i < 2000; i++) {
      xs.add(Math.scalb(random.nextDouble() + 0.5, random.nextInt(2100) - 1075) * (random.nextBoolean() ? 1 : -1));
    }
    xs.removeIf(x -> x == 0);
    return xs;
  }

  /** The first sampled non-zero input that {@code row} maps to 0 or NaN, or null. */
  private static Double zeroFrom(OpSpec row) {
    return nonZeroSamples().stream().filter(x -> {
      double y = row.apply(x);
      return y == 0 || Double.isNaN(y);
    }).findFirst().orElse(null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ops")
  void aRowThatKeepsNonZeroNeverMapsNonZeroToZero(OpSpec row) {
    if (row.keepsNonZero()) {
      assertNull(zeroFrom(row), row.name() + " claims f(x) != 0 for x != 0");
    }
  }

  @Test
  void theNonZeroSamplesCatchARowThatUnderflows() {
    // x * x and sigmoid are never 0 in the reals but underflow in floating point: claiming the
    // flag for them would be caught, and they do not claim it.
    assertFalse(OpCatalog.SQUARE.keepsNonZero());
    assertTrue(zeroFrom(OpCatalog.SQUARE) != null);
    assertTrue(zeroFrom(OpCatalog.SIGMOID) != null);
    assertTrue(OpCatalog.NEG.keepsNonZero() && OpCatalog.ABS.keepsNonZero());
  }
}
