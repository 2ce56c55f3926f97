package io.nanguard.processor.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.nanguard.tensor.Tensor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One method per rewrite kind, the classic hand-written fixes that still fail (the traps), and
 * the equivalence contract: away from singular points every guarded method equals the original
 * within 1e-6 relative; at them the guarded value and gradient are finite.
 */
class RewriteKindsTest {

  static final String SOURCE = """
      package com.x;

      import static java.lang.Math.PI;

      import io.nanguard.Guarded;
      import io.nanguard.tensor.Tensor;

      /** One method per unsafe op; methods taking a Tensor get a vector of 3. */
      @Guarded
      public class Kinds {
        public double sqrtD(double x) { return Math.sqrt(x); }
        public Tensor sqrtT(Tensor x) { return x.sqrt(); }
        public Tensor rsqrtT(Tensor x) { return x.rsqrt(); }
        public double logD(double x) { return Math.log(x) + PI; }
        public Tensor logT(Tensor x) { return x.log(); }
        public Tensor log1pT(Tensor x) { return x.log1p(); }
        public double powD(double x) { return Math.pow(x, 0.5); }
        public Tensor powT(Tensor x) { return x.pow(0.25); }
        public Tensor acosT(Tensor x) { return x.acos(); }
        public double asinD(double x) { return Math.asin(x); }
        public Tensor expT(Tensor x) { return x.exp(); }
        public double expm1D(double x) { return Math.expm1(x); }
        public Tensor reciprocalT(Tensor x) { return x.reciprocal(); }
        public double divD(double x) { return 1.0 / x; }
        public Tensor divT(Tensor x) { return Tensor.scalar(1).div(x); }

        // Stability rewrites.
        public Tensor logSumExpT(Tensor x) { return x.exp().sum(0).log(); }
        public Tensor logSoftmaxT(Tensor x) { return x.softmax(0).log(); }
        public Tensor logSigmoidT(Tensor x) { return x.sigmoid().log(); }
        public double log1pD(double x) { return Math.log(1 + x); }
        public Tensor softmaxT(Tensor x) { return x.exp().div(x.exp().sum(0)); }

        // The traps: classic hand-written fixes that still give NaN.
        public Tensor normPlusEpsT(Tensor x) {
          return x.div(x.square().sum().sqrt().add(1e-8)); // hand-written norm, eps outside the sqrt
        }

        public Tensor maxNormEpsT(Tensor x) {
          return x.div(x.square().sum().sqrt().maximum(Tensor.scalar(1e-8)));
        }

        public double cancelD(double p) {
          return Math.log(1 + 1e-20 - p); // eps lost in 1 + 1e-20 before p cancels the 1
        }

        public Tensor cancelT(Tensor p) {
          return p.neg().add(1 + 1e-20).log();
        }
      }
      """;

  /**
   * A method of Kinds with where it is regular (uniform in [lo, hi]) and its singular inputs s,
   * tried as the vector (s, s, lo) for tensor methods.
   */
  record Kind(String method, double lo, double hi, double... singular) {
    @Override
    public String toString() {
      return method;
    }
  }

  static Stream<Kind> kinds() {
    return Stream.of(
        new Kind("sqrtD", 0.1, 10, 0, -1e-12), new Kind("sqrtT", 0.1, 10, 0, -2),
        new Kind("rsqrtT", 0.1, 10, 0), new Kind("logD", 0.01, 10, 0, -1),
        new Kind("logT", 0.01, 10, 0, -1), new Kind("log1pT", -0.5, 3, -1, -2),
        new Kind("powD", 0.1, 10, 0, -1), new Kind("powT", 0.1, 10, 0),
        new Kind("acosT", -0.9, 0.9, 1, -1), new Kind("asinD", -0.9, 0.9, 1, -1.5),
        new Kind("expT", -5, 5, 800), new Kind("expm1D", -5, 5, 800),
        new Kind("reciprocalT", 0.5, 4, 0), new Kind("divD", 0.5, 4, 0), new Kind("divT", -4, -0.5, 0),
        new Kind("logSumExpT", -3, 3, 1000), new Kind("logSoftmaxT", -3, 3, 1000),
        new Kind("logSigmoidT", -3, 3, -1000), new Kind("log1pD", -0.5, 3, -1),
        new Kind("softmaxT", -3, 3, 1000),
        new Kind("normPlusEpsT", 0, 2, 0), new Kind("maxNormEpsT", 0, 2, 0),
        new Kind("cancelD", 0, 0.9, 1), new Kind("cancelT", 0, 0.9, 1));
  }

  private static Object original;
  private static Object guarded;

  @BeforeAll
  static void compile() {
    Compilation c = Generated.compileClean("com.x.Kinds", SOURCE);
    Generated.assertGolden(c, "com.x.GuardedKinds");
    ClassLoader loader = Generated.load(c);
    original = Generated.newInstance(loader, "com.x.Kinds");
    guarded = Generated.newInstance(loader, "com.x.GuardedKinds");
  }

  @Test
  void everyKindIsTested() {
    long declared = Arrays.stream(original.getClass().getDeclaredMethods()).count();
    assertEquals(declared, kinds().count());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void equalsTheOriginalAwayFromSingularPoints(Kind k) {
    Random random = new Random(k.method().hashCode());
    for (int trial = 0; trial < 20; trial++) {
      double[] x = new double[3];
      for (int i = 0; i < x.length; i++) {
        x[i] = k.lo() + (k.hi() - k.lo()) * random.nextDouble();
      }
      double[] want = values(call(original, k, x));
      double[] got = values(call(guarded, k, x));
      for (int i = 0; i < want.length; i++) {
        assertEquals(want[i], got[i], 1e-6 * Math.max(Math.abs(want[i]), 1e-300), k + " at " + Arrays.toString(x));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void isFiniteInValueAndGradientAtSingularPoints(Kind k) {
    for (double s : k.singular()) {
      double[] x = {s, s, k.lo()};
      if (isTensorKind(k)) {
        Tensor leaf = Tensor.of(x).requiresGrad(true);
        Tensor y = (Tensor) invoke(guarded, k, leaf);
        y.sum().backward();
        assertAllFinite(k + " value at " + s, y.toArray());
        assertAllFinite(k + " gradient at " + s, leaf.grad().toArray());
      } else {
        double y = (Double) invoke(guarded, k, s);
        assertTrue(Double.isFinite(y), k + " value at " + s + ": " + y);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void theOriginalReallyFailsThere(Kind k) {
    boolean failed = false;
    for (double s : k.singular()) {
      double[] x = {s, s, k.lo()};
      if (isTensorKind(k)) {
        Tensor leaf = Tensor.of(x).requiresGrad(true);
        Tensor y = (Tensor) invoke(original, k, leaf);
        y.sum().backward();
        failed |= !allFinite(y.toArray()) || !allFinite(leaf.grad().toArray());
      } else {
        failed |= !Double.isFinite((Double) invoke(original, k, s));
      }
    }
    assertTrue(failed, k + ": the singular points must break the original, or the test proves nothing");
  }

  @Test
  void epsAfterACancellationIsLostInTheOriginal() {
    assertFalse(Double.isFinite((Double) invoke(original, kind("cancelD"), 1.0)));
    assertEquals(Math.log(1e-8), (Double) invoke(guarded, kind("cancelD"), 1.0), 1e-12);
  }

  private static Kind kind(String name) {
    return kinds().filter(k -> k.method().equals(name)).findFirst().orElseThrow();
  }

  private static boolean isTensorKind(Kind k) {
    return k.method().endsWith("T");
  }

  private static Object call(Object target, Kind k, double[] x) {
    return isTensorKind(k) ? invoke(target, k, Tensor.of(x)) : invoke(target, k, x[0]);
  }

  private static double[] values(Object result) {
    return result instanceof Tensor t ? t.toArray() : new double[] {(Double) result};
  }

  private static Object invoke(Object target, Kind k, Object arg) {
    try {
      Method m = target.getClass().getMethod(k.method(), isTensorKind(k) ? Tensor.class : double.class);
      return m.invoke(target, arg);
    } catch (InvocationTargetException e) {
      throw new AssertionError(k + " threw", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static boolean allFinite(double[] values) {
    return Arrays.stream(values).allMatch(Double::isFinite);
  }

  private static void assertAllFinite(String what, double[] values) {
    assertTrue(allFinite(values), what + ": " + Arrays.toString(values));
  }
}
