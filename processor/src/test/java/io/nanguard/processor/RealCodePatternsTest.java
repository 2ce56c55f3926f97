package io.nanguard.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A corpus of the guards real numeric Java already has (written here after the patterns of
 * public libraries such as Tribuo, Commons Math and Smile, not copied from them), each next to an
 * unsafe twin that must still be flagged. A line ending in {@code // flag:KIND} must get exactly
 * one {@code [nanguard:KIND]} warning, and no other line any; sources compile under
 * {@code -Ananguard.scan=all}, as an audit of an existing codebase runs.
 */
class RealCodePatternsTest {

  private static final List<String> SCAN = List.of("-Ananguard.scan=all");
  private static final Pattern FLAG = Pattern.compile("// flag:([a-z]+)\\s*$");

  /** Compiles and checks that the warnings are exactly the marked lines, each on its line. */
  private static Sources.Result check(List<String> options, JavaFileObject... files) {
    Sources.Result r = Sources.compile(options, files);
    assertThat(r.compilation().errors()).isEmpty();
    List<String> expected = new ArrayList<>();
    for (JavaFileObject f : files) {
      String[] lines = content(f).split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        Matcher m = FLAG.matcher(lines[i]);
        if (m.find()) {
          expected.add(f.getName() + ":" + (i + 1) + " " + m.group(1));
          assertThat(r.compilation()).hadWarningContaining("[nanguard:" + m.group(1) + "]").inFile(f).onLine(i + 1);
        }
      }
    }
    List<String> actual = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : r.warnings()) {
      String kind = d.getMessage(null).substring("[nanguard:".length(), d.getMessage(null).indexOf(']'));
      actual.add(d.getSource().getName() + ":" + d.getLineNumber() + " " + kind);
    }
    assertThat(actual).containsExactlyElementsIn(expected);
    return r;
  }

  private static String content(JavaFileObject f) {
    try {
      return f.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceLines(name, lines);
  }

  @Test
  void constructorChecksAndConstantInitialisersGiveFieldsRanges() {
    check(SCAN, source("p.Kernels",
        "package p;",
        "public class Kernels {",
        "  private final double gamma;",
        "  private final double width;",
        "  private double learningRate = 0.1;",
        "  private double momentum = 0.9;",
        "  private int count;",
        "  public Kernels(double gamma, double width) {",
        "    if (gamma <= 0) {",
        "      throw new IllegalArgumentException(\"gamma must be positive: \" + gamma);",
        "    }",
        "    this.gamma = gamma;",
        "    this.width = width;",
        "  }",
        "  public double scaled(double d) { return d / gamma; }",
        "  public double widthScaled(double d) { return d / width; } // flag:div",
        "  public double step(double g) { return g / learningRate; }",
        "  public void setMomentum(double m) { momentum = m; }",
        "  public double damped(double g) { return g / momentum; } // flag:div",
        "  public void add() { count++; }",
        "  public double mean(double total) { return total / count; } // flag:div",
        "  private int steps;",
        "  private int balance;",
        "  public void step() { steps++; balance++; }",
        "  public void undo() { balance--; }",
        "  public double decayed(double lr) { return lr / (1 + steps); }",
        "  public double perBalance(double lr) { return lr / (1 + balance); } // flag:div",
        "}"));
  }

  @Test
  void comparisonsOnLengthsAbsoluteValuesFieldsAndOffsetsNarrow() {
    check(SCAN, source("p.Stats",
        "package p;",
        "public class Stats {",
        "  private static final double EPS = 1e-12;",
        "  private double total;",
        "  public static double sampleVariance(double[] x, double sumSq) {",
        "    if (x.length < 2) {",
        "      throw new IllegalArgumentException(\"need two values\");",
        "    }",
        "    int n = x.length - 1;",
        "    return sumSq / n;",
        "  }",
        "  public static double sampleVarianceUnchecked(double[] x, double sumSq) {",
        "    if (x.length < 1) {",
        "      throw new IllegalArgumentException(\"need one value\");",
        "    }",
        "    int n = x.length - 1;",
        "    return sumSq / n; // flag:div",
        "  }",
        "  public static double mean(double[] x, double sum) {",
        "    return sum / x.length; // flag:div",
        "  }",
        "  public static double inverse(double d) {",
        "    if (Math.abs(d) < EPS) {",
        "      throw new ArithmeticException(\"singular\");",
        "    }",
        "    return 1.0 / d;",
        "  }",
        "  public static double inverseWrongWay(double d) {",
        "    if (Math.abs(d) > EPS) {",
        "      throw new ArithmeticException(\"too large\");",
        "    }",
        "    return 1.0 / d; // flag:div",
        "  }",
        "  public double share(double part) {",
        "    if (total == 0) {",
        "      return 0;",
        "    }",
        "    return part / this.total;",
        "  }",
        "  public double shareAfterCall(double part) {",
        "    if (total == 0) {",
        "      return 0;",
        "    }",
        "    reset();",
        "    return part / total; // flag:div",
        "  }",
        "  public void reset() { total = 0; }",
        "  public static double everyKth(int i, int k, double x) {",
        "    if (i % k == 0 && x / k > 1) {",
        "      return x;",
        "    }",
        "    return x / k;",
        "  }",
        "  public static double kth(int i, int k, double x) {",
        "    return x / k; // flag:div",
        "  }",
        "}"));
  }

  @Test
  void aFloorOnTheMagnitudeMakesADivisorNonZero() {
    check(SCAN, source("p.ContinuedFraction",
        "package p;",
        "import static java.lang.Math.*;",
        "public class ContinuedFraction {",
        "  private static final double FPMIN = 1e-300;",
        "  public static double step(double numer, double first) {",
        "    first = numer * first + 2.0;",
        "    if (abs(first) < FPMIN) {",
        "      first = FPMIN;",
        "    }",
        "    return 1.0 / first;",
        "  }",
        "  public static double stepWithoutFloor(double numer, double first) {",
        "    first = numer * first + 2.0;",
        "    if (abs(first) > FPMIN) {",
        "      first = FPMIN;",
        "    }",
        "    return 1.0 / first; // flag:div",
        "  }",
        "}"));
  }

  @Test
  void methodsOfTheCompilationHaveReturnRangeSummaries() {
    JavaFileObject distances = source("p.Distances",
        "package p;",
        "public final class Distances {",
        "  private Distances() {}",
        "  public static double squaredDistance(double[] a, double[] b) {",
        "    double s = 0;",
        "    for (int i = 0; i < a.length; i++) {",
        "      double d = a[i] - b[i];",
        "      s += d * d;",
        "    }",
        "    return s;",
        "  }",
        "  public static double signedGap(double[] a, double[] b) {",
        "    return a[0] - b[0];",
        "  }",
        "}");
    JavaFileObject user = source("p.Similarity",
        "package p;",
        "public class Similarity {",
        "  public double rbf(double[] a, double[] b) {",
        "    return 1.0 / (1.0 + Distances.squaredDistance(a, b));",
        "  }",
        "  public double inverseGap(double[] a, double[] b) {",
        "    return 1.0 / (1.0 + Distances.signedGap(a, b)); // flag:div",
        "  }",
        "  public double viaOverridable(double[] a, double[] b) {",
        "    return 1.0 / (1.0 + overridable(a, b)); // flag:div",
        "  }",
        "  public double viaPrivate(double[] a, double[] b) {",
        "    return 1.0 / (1.0 + own(a, b));",
        "  }",
        "  public double overridable(double[] a, double[] b) { return Distances.squaredDistance(a, b); }",
        "  private double own(double[] a, double[] b) { return Distances.squaredDistance(a, b); }",
        "}");
    check(SCAN, distances, user);
  }

  @Test
  void staticCallsOfOtherClassesAreTypedSoTheirQuotientsAreChecked() {
    JavaFileObject gamma = source("p.Special",
        "package p;",
        "public class Special {",
        "  public static double gamma(double x) { return x; }",
        "  public static double beta(double a, double b) {",
        "    return gamma(a) * gamma(b) / gamma(a + b); // flag:div",
        "  }",
        "  public static double ratio(double a, double b) {",
        "    return Special.gamma(a) / Special.gamma(b); // flag:div",
        "  }",
        "}");
    check(SCAN, gamma);
  }

  @Test
  void subtractingTheMaximumBoundsExp() {
    check(SCAN, source("p.SoftmaxMath",
        "package p;",
        "import io.nanguard.tensor.Tensor;",
        "public class SoftmaxMath {",
        "  public static void softmaxInPlace(double[] x) {",
        "    double max = x[0];",
        "    for (int i = 1; i < x.length; i++) {",
        "      if (x[i] > max) {",
        "        max = x[i];",
        "      }",
        "    }",
        "    double sum = 0;",
        "    for (int i = 0; i < x.length; i++) {",
        "      x[i] = Math.exp(x[i] - max);",
        "      sum += x[i];",
        "    }",
        "    for (int i = 0; i < x.length; i++) {",
        "      x[i] /= sum; // flag:div",
        "    }",
        "  }",
        "  public static double logSumExp(double[] x) {",
        "    double max = Double.NEGATIVE_INFINITY;",
        "    for (int i = 0; i < x.length; i++) {",
        "      max = Math.max(max, x[i]);",
        "    }",
        "    double sum = 0;",
        "    for (int i = 0; i < x.length; i++) {",
        "      sum += Math.exp(x[i] - max);",
        "    }",
        "    return max + Math.log(sum); // flag:log",
        "  }",
        "  public static double throughALocal(double[] x) {",
        "    double max = x[0];",
        "    for (int i = 1; i < x.length; i++) {",
        "      double value = x[i];",
        "      if (value > max) {",
        "        max = value;",
        "      }",
        "    }",
        "    return Math.exp(x[0] - max);",
        "  }",
        "  public static double minInsteadOfMax(double[] x) {",
        "    double min = x[0];",
        "    for (int i = 1; i < x.length; i++) {",
        "      if (x[i] < min) {",
        "        min = x[i];",
        "      }",
        "    }",
        "    return Math.exp(x[1] - min); // flag:exp",
        "  }",
        "  public static double subtractedInsideTheMaxLoop(double[] x) {",
        "    double max = x[0];",
        "    double s = 0;",
        "    for (int i = 1; i < x.length; i++) {",
        "      s += Math.exp(x[i] - max); // flag:exp",
        "      max = Math.max(max, x[i]);",
        "    }",
        "    return s;",
        "  }",
        "  public Tensor rows(Tensor x) {",
        "    return x.sub(x.max(1).unsqueeze(1)).exp();",
        "  }",
        "  public Tensor columns(Tensor x) {",
        "    return x.sub(x.max(0)).exp();",
        "  }",
        "  public Tensor misaligned(Tensor x) {",
        "    return x.sub(x.max(1)).exp(); // flag:exp",
        "  }",
        "}"));
  }

  @Test
  void gradientOnlyHazardsCountWhereAGradientFlows() {
    JavaFileObject f = source("p.Norms",
        "package p;",
        "import io.nanguard.Guarded;",
        "import io.nanguard.tensor.Tensor;",
        "public class Norms {",
        "  public double norm(double x, double y) { return Math.sqrt(x * x + y * y); }",
        "  public double angle(double c) { return Math.acos(Math.max(-1, Math.min(1, c))); }",
        "  public Tensor tensorNorm(Tensor v) { return v.square().sum().sqrt(); } // flag:sqrt",
        "  @Guarded public double differentiated(double x, double y) { return Math.sqrt(x * x + y * y); } // flag:sqrt",
        "  public double negativeSqrt(double x) { return Math.sqrt(x - 1); } // flag:sqrt",
        "}");
    check(SCAN, f);
  }

  @Test
  void nanConstantsAndWrittenOutInfinitiesAreValuesNotFindings() {
    JavaFileObject f = source("p.Markers",
        "package p;",
        "public class Markers {",
        "  static final double NO_VALUE = Double.NaN;",
        "  public static final double INF = 1.0 / 0.0;",
        "  public double orMissing(double s, double n) {",
        "    double r = NO_VALUE;",
        "    if (n > 0) {",
        "      r = s / n;",
        "    }",
        "    return r / (n - 1); // flag:div",
        "  }",
        "  public double negativeInfinity() { return -1.0 / 0.0; }",
        "  public double byZero(double zero) { return 1.0 / zero; } // flag:div",
        "}");
    Sources.Result r = check(SCAN, f);
    assertThat(r.compilation().notes().stream().map(d -> d.getMessage(null)).filter(m -> m.contains("could not analyse")))
        .isEmpty();
  }

  @Test
  void fastMathAndStrictMathAreMath() {
    JavaFileObject fastMath = source("org.apache.commons.math3.util.FastMath",
        "package org.apache.commons.math3.util;",
        "public final class FastMath {",
        "  private FastMath() {}",
        "  public static double log(double x) { return Math.log(x); } // flag:log",
        "  public static double sqrt(double x) { return Math.sqrt(x); } // flag:sqrt",
        "}");
    JavaFileObject user = source("p.Entropy",
        "package p;",
        "import org.apache.commons.math3.util.FastMath;",
        "public class Entropy {",
        "  public double term(double p) { return -p * FastMath.log(p); } // flag:log",
        "  public double safeTerm(double p) { return p <= 0 ? 0 : -p * FastMath.log(p); }",
        "  public double strict(double x) { return StrictMath.log(x); } // flag:log",
        "  public double root(double x) { return FastMath.sqrt(-1 - x * x); } // flag:sqrt",
        "}");
    check(SCAN, fastMath, user);
  }

  @Test
  void foreignObjectsWithTensorMethodNamesAreNotTensors() {
    JavaFileObject complex = source("p.Complex",
        "package p;",
        "public final class Complex {",
        "  final double re;",
        "  final double im;",
        "  public Complex(double re, double im) { this.re = re; this.im = im; }",
        "  public Complex log() { return new Complex(Math.log(Math.hypot(re, im)), Math.atan2(im, re)); } // flag:log",
        "  public Complex sqrt() { return this; }",
        "  public Complex exp() { return this; }",
        "}");
    JavaFileObject user = source("p.Polar",
        "package p;",
        "public class Polar {",
        "  public Complex logOf(double re, double im) {",
        "    Complex c = new Complex(re, im);",
        "    return c.log();",
        "  }",
        "  public Complex chain(Complex z) { return z.exp().sqrt().log(); }",
        "}");
    check(SCAN, complex, user);
  }

  @Test
  void powersWithWholeOrNonNegativeExponentsAreSafe() {
    check(SCAN, source("p.Minkowski",
        "package p;",
        "public class Minkowski {",
        "  private final int p;",
        "  public Minkowski(int p) {",
        "    if (p <= 0) {",
        "      throw new IllegalArgumentException(\"p must be positive: \" + p);",
        "    }",
        "    this.p = p;",
        "  }",
        "  public double term(double x, double y) { return Math.pow(Math.abs(x - y), p); }",
        "  public double rootTerm(double x, double y) { return Math.pow(x - y, p / 2.0); } // flag:pow",
        "  public static double binomial(double q, int n, int k) {",
        "    if (k < 0 || k > n) {",
        "      return 0;",
        "    }",
        "    double qk = Math.pow(q, k);",
        "    return qk * Math.pow(1 - q, n - k);",
        "  }",
        "  public static double unchecked(double q, int k) {",
        "    return Math.pow(q, k); // flag:pow",
        "  }",
        "  public static double inverse(double x, int n) {",
        "    return Math.pow(x, n); // flag:pow",
        "  }",
        "  public static double fractional(double x, double e) {",
        "    if (e < 1) {",
        "      return 0;",
        "    }",
        "    return Math.pow(Math.abs(x), e);",
        "  }",
        "  public static double fractionalOfAny(double x, double e) {",
        "    if (e < 1) {",
        "      return 0;",
        "    }",
        "    return Math.pow(x, e); // flag:pow",
        "  }",
        "}"));
  }

  @Test
  void aComparisonOfTwoValuesBoundsEachAndTheirDifference() {
    check(SCAN, source("p.Knots",
        "package p;",
        "public class Knots {",
        "  public static double slope(double lo, double hi, double dy) {",
        "    if (lo >= hi) {",
        "      throw new IllegalArgumentException(\"need lo < hi: \" + lo + \", \" + hi);",
        "    }",
        "    return dy / (hi - lo);",
        "  }",
        "  public static double slopeOrEqual(double lo, double hi, double dy) {",
        "    if (lo > hi) {",
        "      throw new IllegalArgumentException(\"need lo <= hi\");",
        "    }",
        "    return dy / (hi - lo); // flag:div",
        "  }",
        "  public static double secant(double a, double b, double fa, double fb) {",
        "    return a != b ? (fb - fa) / (b - a) : 0;",
        "  }",
        "  public static double secantOfOther(double a, double b, double c, double fa) {",
        "    return a != c ? fa / (b - a) : 0; // flag:div",
        "  }",
        "  public static double angle(int isav, int iu, double temp) {",
        "    if (isav < 0) {",
        "      return 0;",
        "    }",
        "    if (isav < iu) {",
        "      return (isav + 0.5 * temp) / iu;",
        "    }",
        "    return 0;",
        "  }",
        "  public static double angleOfAnyIndex(int isav, int iu, double temp) {",
        "    if (isav < iu) {",
        "      return (isav + 0.5 * temp) / iu; // flag:div",
        "    }",
        "    return 0;",
        "  }",
        "  public static double accept(double u, double p3, double f5) {",
        "    double w;",
        "    double y;",
        "    if ((w = u - p3) < 0) {",
        "      return 0;",
        "    }",
        "    if ((y = w * 0.5) < f5) {",
        "      return w / f5;",
        "    }",
        "    return y;",
        "  }",
        "  public static double acceptAnySign(double u, double f5) {",
        "    if (u < f5) {",
        "      return u / f5; // flag:div",
        "    }",
        "    return u;",
        "  }",
        "  public static double afterReassignment(double lo, double hi, double dy) {",
        "    if (lo >= hi) {",
        "      return 0;",
        "    }",
        "    lo = hi;",
        "    return dy / (hi - lo); // flag:div",
        "  }",
        "}"));
  }

  @Test
  void aCallCannotAssignAFinalFieldSoItsNarrowingSurvives() {
    check(SCAN, source("p.Binomial",
        "package p;",
        "public class Binomial {",
        "  private final int n;",
        "  private int trials;",
        "  public Binomial(int n) {",
        "    this.n = n;",
        "    this.trials = n;",
        "  }",
        "  public void setTrials(int t) { trials = t; }",
        "  public double p(double q, int k) {",
        "    if (k < 0 || k > n) {",
        "      return 0;",
        "    }",
        "    int h = java.util.Objects.hash(k);",
        "    return h * Math.pow(1 - q, n - k);",
        "  }",
        "  public double pOfTrials(double q, int k) {",
        "    if (k < 0 || k > trials) {",
        "      return 0;",
        "    }",
        "    int h = java.util.Objects.hash(k);",
        "    return h * Math.pow(1 - q, trials - k); // flag:pow",
        "  }",
        "}"));
  }

  @Test
  void aCheckInAnotherMethodHoldsForItsArgumentsAfterTheCall() {
    check(SCAN, source("p.Checks",
        "package p;",
        "public final class Checks {",
        "  private Checks() {}",
        "  public static void checkPositive(double x) {",
        "    if (x <= 0) {",
        "      throw new IllegalArgumentException(\"not positive: \" + x);",
        "    }",
        "  }",
        "  public static void checkStrictlyIncreasing(double lo, double hi) {",
        "    if (!(lo < hi)) {",
        "      throw new IllegalArgumentException(\"not increasing\");",
        "    }",
        "  }",
        "  public static void checkNotEmpty(double[] x) {",
        "    if (x.length == 0) {",
        "      throw new IllegalArgumentException(\"empty\");",
        "    }",
        "  }",
        "  public static void checkSample(double[] x) {",
        "    checkNotEmpty(x);",
        "  }",
        "  public static void warnIfNegative(double x) {",
        "    if (x < 0) {",
        "      System.err.println(\"negative: \" + x);",
        "    }",
        "  }",
        "  public static void checkNotNull(double[] x) {",
        "    if (x == null) {",
        "      throw new NullPointerException();",
        "    }",
        "  }",
        "}"),
        source("p.Uses",
        "package p;",
        "public class Uses {",
        "  private final double scale;",
        "  private double rate = 1;",
        "  public Uses(double scale) { this.scale = scale; }",
        "  public static double logRate(double x) {",
        "    Checks.checkPositive(x);",
        "    return Math.log(x) / x;",
        "  }",
        "  public static double logRateWarned(double x) {",
        "    Checks.warnIfNegative(x);",
        "    return Math.log(x); // flag:log",
        "  }",
        "  public static double slope(double lo, double hi, double dy) {",
        "    Checks.checkStrictlyIncreasing(lo, hi);",
        "    return dy / (hi - lo);",
        "  }",
        "  public static double slopeAfterAssignment(double lo, double hi, double dy) {",
        "    Checks.checkStrictlyIncreasing(lo, hi);",
        "    hi = lo + dy;",
        "    return dy / (hi - lo); // flag:div",
        "  }",
        "  public static double mean(double[] x, double sum) {",
        "    Checks.checkSample(x);",
        "    return sum / x.length;",
        "  }",
        "  public static double meanOfAnyArray(double[] x, double sum) {",
        "    Checks.checkNotNull(x);",
        "    return sum / x.length; // flag:div",
        "  }",
        "  public double scaled(double d) {",
        "    Checks.checkPositive(scale);",
        "    return d / scale;",
        "  }",
        "  public double perRate(double d) {",
        "    Checks.checkPositive(rate);",
        "    return d / rate; // flag:div",
        "  }",
        "  public void reset() { rate = 0; }",
        "}"));
  }

  @Test
  void aBooleanHelperTellsWhatItsConditionTellsOnEachBranch() {
    check(SCAN, source("p.Precise",
        "package p;",
        "public final class Precise {",
        "  private Precise() {}",
        "  public static boolean equals(double x, double y, double eps) {",
        "    return Double.compare(x, y) == 0 || Math.abs(y - x) <= eps;",
        "  }",
        "  public static boolean equals(double x, double y, int ulps) {",
        "    return ulps > 0;",
        "  }",
        "  public static boolean isZero(double x, double eps) {",
        "    return Math.abs(x) <= eps;",
        "  }",
        "}"),
        source("p.Fractions",
        "package p;",
        "public class Fractions {",
        "  private static final double SMALL = 1e-50;",
        "  public static double ratio(double a, double b) {",
        "    if (Precise.equals(b, 0.0, SMALL)) {",
        "      return 0;",
        "    }",
        "    return a / b;",
        "  }",
        "  public static double ratioOfInts(double a, double b) {",
        "    if (Precise.equals(b, 0, 1e-12)) {",
        "      return 0;",
        "    }",
        "    return a / b;",
        "  }",
        "  public static double ratioNegativeEps(double a, double b) {",
        "    if (Precise.equals(b, 0.0, -1.0)) {",
        "      return 0;",
        "    }",
        "    return a / b; // flag:div",
        "  }",
        "  public static double ratioByUlps(double a, double b) {",
        "    if (Precise.equals(b, 0.0, 2)) {",
        "      return 0;",
        "    }",
        "    return a / b; // flag:div",
        "  }",
        "  public static double ratioWrongBranch(double a, double b) {",
        "    if (!Precise.equals(b, 0.0, SMALL)) {",
        "      return 0;",
        "    }",
        "    return a / b; // flag:div",
        "  }",
        "  public static double lentz(double a, double b, double c) {",
        "    double d = a + b * c;",
        "    if (Precise.equals(d, 0.0, SMALL)) {",
        "      d = SMALL;",
        "    }",
        "    return 1 / d;",
        "  }",
        "  public static double gap(double x, double y) {",
        "    if (Precise.equals(x, y, 1e-9)) {",
        "      return 0;",
        "    }",
        "    return 1 / (x - y) + 1 / (y - x);",
        "  }",
        "  public static double inverse(double x, double eps) {",
        "    if (!Precise.isZero(x, Math.abs(eps))) {",
        "      return 1 / x;",
        "    }",
        "    return 1 / x; // flag:div",
        "  }",
        "}"));
  }

  @Test
  void privateHelpersSeeWhatEveryCallerPasses() {
    check(SCAN, source("p.Zipf",
        "package p;",
        "public class Zipf {",
        "  public static double probability(double x, double s) {",
        "    if (x < 1) {",
        "      throw new IllegalArgumentException(\"x must be at least 1: \" + x);",
        "    }",
        "    return integral(x, s) - integral(x + 1, s);",
        "  }",
        "  private static double integral(double x, double s) {",
        "    return Math.log(x) * s;",
        "  }",
        "  public static double density(double x) {",
        "    if (x < 1) {",
        "      return 0;",
        "    }",
        "    return logOf(x) + logOf(x - 1);",
        "  }",
        "  private static double logOf(double x) {",
        "    return Math.log(x); // flag:log",
        "  }",
        "  public static double deferred(double x) {",
        "    if (x <= 0) {",
        "      return 0;",
        "    }",
        "    java.util.function.DoubleSupplier later = () -> inverse(x - 1);",
        "    return inverse(x) + later.getAsDouble();",
        "  }",
        "  private static double inverse(double x) {",
        "    return 1 / x; // flag:div",
        "  }",
        "  public static double referenced(double x) {",
        "    if (x <= 0) {",
        "      return 0;",
        "    }",
        "    java.util.function.DoubleUnaryOperator f = Zipf::reciprocal;",
        "    return reciprocal(x) + f.applyAsDouble(0);",
        "  }",
        "  private static double reciprocal(double x) {",
        "    return 1 / x; // flag:div",
        "  }",
        "  public static double series(double x) {",
        "    return x <= 1 ? 0 : term(x, 3);",
        "  }",
        "  private static double term(double x, int n) {",
        "    return n == 0 ? Math.log(x) : term(x - 1, n - 1); // flag:log",
        "  }",
        "}"));
  }

  @Test
  void scanMessagesQuoteTheOperandAndGiveTheFix() {
    JavaFileObject f = source("p.Weights",
        "package p;",
        "public class Weights {",
        "  public double average(double[] v, double[] w) {",
        "    double total = 0;",
        "    double sumWeights = 0;",
        "    for (int i = 0; i < v.length; i++) {",
        "      total += v[i] * w[i];",
        "      sumWeights += w[i] * w[i];",
        "    }",
        "    return total / sumWeights; // flag:div",
        "  }",
        "}");
    Sources.Result r = check(SCAN, f);
    assertThat(r.describe().get(0)).contains("division by 'sumWeights', a value in [0, inf)");
    assertThat(r.describe().get(0)).contains("fix: use a / (b with |b| raised to at least eps");
    assertThat(r.describe().get(0)).doesNotContain("the guarded code uses");
  }
}
