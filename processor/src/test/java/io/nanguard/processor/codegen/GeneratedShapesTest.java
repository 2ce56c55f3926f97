package io.nanguard.processor.codegen;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.nanguard.tensor.Tensor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.function.BinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The shapes of types the generator handles: several constructors, interfaces with default
 * methods, static methods, generic types, nested static classes, methods that call each other,
 * and float code. Each is a golden file and is loaded and run.
 */
class GeneratedShapesTest {

  @Test
  void everyAccessibleConstructorIsRepeated() throws Exception {
    Compilation c = Generated.compileClean("com.x.Scaled", """
        package com.x;

        import io.nanguard.Guarded;
        import java.io.IOException;
        import java.util.List;

        public class Scaled {
          final double scale;

          public Scaled() {
            this(1.0);
          }

          protected Scaled(double scale) {
            this.scale = scale;
          }

          <T extends Number> Scaled(List<T> scales, double... extra) throws IOException {
            this(scales.get(0).doubleValue() + extra.length);
          }

          private Scaled(String hidden) {
            this(Double.parseDouble(hidden));
          }

          @Guarded
          public double root(double x) {
            return scale * Math.sqrt(x);
          }
        }
        """);
    Generated.assertGolden(c, "com.x.GuardedScaled");
    Class<?> guarded = Generated.load(c).loadClass("com.x.GuardedScaled");
    assertEquals(3, guarded.getDeclaredConstructors().length, "the private constructor is not repeated");
    Constructor<?> twoArgs = guarded.getDeclaredConstructor(java.util.List.class, double[].class);
    assertTrue(twoArgs.isVarArgs());
    assertEquals(1, twoArgs.getExceptionTypes().length);
    Constructor<?> protectedOne = guarded.getDeclaredConstructor(double.class);
    assertTrue(Modifier.isProtected(protectedOne.getModifiers()));
    protectedOne.setAccessible(true);
    Object scaled = protectedOne.newInstance(3.0);
    Method root = guarded.getMethod("root", double.class);
    assertEquals(6.0, (Double) root.invoke(scaled, 4.0), 1e-8);
    assertEquals(3 * Math.sqrt(1e-8), (Double) root.invoke(scaled, 0.0), 1e-15);
  }

  @Test
  void interfacesWithDefaultMethodsAreImplemented() throws Exception {
    Compilation c = Generated.compileClean(
        "com.x.Metric", """
        package com.x;

        import io.nanguard.Guarded;

        public interface Metric {
          double scale();

          @Guarded
          default double logScaled(double x) {
            return Math.log(x) * scale();
          }
        }
        """,
        "com.x.Smooth", """
        package com.x;

        import io.nanguard.Guarded;

        public interface Smooth {
          @Guarded
          default double root(double x) {
            return Math.sqrt(x);
          }
        }
        """);
    Generated.assertGolden(c, "com.x.GuardedMetric");
    Generated.assertGolden(c, "com.x.GuardedSmooth");
    ClassLoader loader = Generated.load(c);
    Class<?> metric = loader.loadClass("com.x.GuardedMetric");
    assertTrue(Modifier.isAbstract(metric.getModifiers()), "scale() is still abstract");
    assertTrue(loader.loadClass("com.x.Metric").isAssignableFrom(metric));
    Class<?> smooth = loader.loadClass("com.x.GuardedSmooth");
    assertTrue(!Modifier.isAbstract(smooth.getModifiers()), "nothing left abstract");
    Object s = smooth.getDeclaredConstructor().newInstance();
    assertEquals(Math.sqrt(1e-8), (Double) smooth.getMethod("root", double.class).invoke(s, 0.0), 1e-15);
  }

  @Test
  void methodsThatCallEachOtherReachTheGuardedVersions() throws Exception {
    Compilation c = Generated.compileClean("com.x.Chain", """
        package com.x;

        import io.nanguard.Guarded;

        @Guarded
        public class Chain {
          public double norm(double a, double b) {
            return Math.sqrt(a * a + b * b);
          }

          public double unit(double a, double b) {
            return a / norm(a, b);
          }

          public static double logOf(double x) {
            return Math.log(x);
          }

          public static double twiceLog(double x) {
            return 2 * logOf(x);
          }
        }
        """);
    Generated.assertGolden(c, "com.x.GuardedChain");
    Class<?> guarded = Generated.load(c).loadClass("com.x.GuardedChain");
    Object chain = guarded.getDeclaredConstructor().newInstance();
    double unit = (Double) guarded.getMethod("unit", double.class, double.class).invoke(chain, 0.0, 0.0);
    assertEquals(0.0, unit, 0, "0 / guarded norm: virtual dispatch reached the guarded norm");
    assertEquals(2 * Math.log(1e-8), (Double) guarded.getMethod("twiceLog", double.class).invoke(null, 0.0), 1e-12,
        "a static guarded method calls the generated static version");
  }

  @Test
  void genericTypesKeepTheirTypeParameters() throws Exception {
    Compilation c = Generated.compileClean("com.x.Weighted", """
        package com.x;

        import io.nanguard.Guarded;
        import java.util.List;
        import java.util.function.ToDoubleFunction;

        public class Weighted<T extends Number> {
          private final ToDoubleFunction<T> weight;

          public Weighted(ToDoubleFunction<T> weight) {
            this.weight = weight;
          }

          protected double weightOf(T t) {
            return weight.applyAsDouble(t);
          }

          @Guarded
          public <U extends T> double meanLog(List<U> items) {
            double total = 0;
            for (U item : items) {
              total += Math.log(weightOf(item));
            }
            return total / items.size();
          }
        }
        """);
    Generated.assertGolden(c, "com.x.GuardedWeighted");
    Class<?> guarded = Generated.load(c).loadClass("com.x.GuardedWeighted");
    assertEquals(1, guarded.getTypeParameters().length);
    java.util.function.ToDoubleFunction<Integer> id = Integer::doubleValue;
    Object w = guarded.getDeclaredConstructor(java.util.function.ToDoubleFunction.class).newInstance(id);
    double mean = (Double) guarded.getMethod("meanLog", java.util.List.class).invoke(w, java.util.List.of(1, 0));
    assertEquals(Math.log(1e-8) / 2, mean, 1e-12);
    double empty = (Double) guarded.getMethod("meanLog", java.util.List.class).invoke(w, java.util.List.of());
    assertEquals(0.0, empty, 0, "0 / guarded size: sign kept, 0 treated as positive");
  }

  @Test
  void nestedStaticClassesGetOuterUnderscoreInner() throws Exception {
    Compilation c = Generated.compileClean("com.x.Losses", """
        package com.x;

        import io.nanguard.Guarded;

        public class Losses {
          static final double FLOOR = 0.5;

          public static class Hinge {
            @Guarded
            public double logHinge(double margin) {
              return Math.log(Math.max(margin, 0)) + FLOOR;
            }
          }
        }
        """);
    Generated.assertGolden(c, "com.x.GuardedLosses_Hinge");
    Class<?> guarded = Generated.load(c).loadClass("com.x.GuardedLosses_Hinge");
    Object hinge = guarded.getDeclaredConstructor().newInstance();
    assertEquals(Math.log(1e-8) + 0.5, (Double) guarded.getMethod("logHinge", double.class).invoke(hinge, -3.0), 1e-12);
  }

  @Test
  void floatCodeStaysFloat() throws Exception {
    Compilation c = Generated.compileClean("com.x.Ratio", """
        package com.x;

        import io.nanguard.Guarded;
        import java.util.function.DoubleUnaryOperator;

        public class Ratio implements DoubleUnaryOperator {
          @Override
          public double applyAsDouble(double x) {
            return ratio(1f, (float) x);
          }

          @Guarded
          public float ratio(float a, float b) {
            float r = a / b;
            return r;
          }
        }
        """);
    Generated.assertGolden(c, "com.x.GuardedRatio");
    DoubleUnaryOperator ratio = Generated.newInstance(Generated.load(c), "com.x.GuardedRatio");
    assertEquals(0.25, ratio.applyAsDouble(4), 0);
    assertThat(ratio.applyAsDouble(0)).isEqualTo((double) (float) 1e8);
  }

  @Test
  void epsFromTheAnnotationWinsOverTheOptionWhichWinsOverTheDefault() throws Exception {
    String source = """
        package com.x;

        import io.nanguard.Guarded;

        public class Eps {
          @Guarded(eps = 1e-4)
          public double explicit(double x) {
            return Math.sqrt(x);
          }

          @Guarded
          public double implicit(double x) {
            return Math.sqrt(x);
          }
        }
        """;
    Compilation withOption = Generated.compile(java.util.List.of("-Ananguard.eps=1e-6"), "com.x.Eps", source);
    String generated = withOption.generatedSourceFile("com.x.GuardedEps").orElseThrow().getCharContent(true).toString();
    assertThat(generated).contains("Guard.sqrt(x, 1.0E-4, \"Eps.java:8\")");
    assertThat(generated).contains("Guard.sqrt(x, 1.0E-6, \"Eps.java:13\")");
    Compilation without = Generated.compile(java.util.List.of(), "com.x.Eps", source);
    assertThat(without.generatedSourceFile("com.x.GuardedEps").orElseThrow().getCharContent(true).toString())
        .contains("Guard.sqrt(x, 1.0E-8, \"Eps.java:13\")");
  }

  @Test
  void untouchedTextIsCopiedVerbatimAndStillCompiles() throws Exception {
    Compilation c = Generated.compileClean("com.x.Verbatim", """
        package com.x;

        import static java.lang.Math.max;
        import static java.util.concurrent.TimeUnit.SECONDS;

        import io.nanguard.Guarded;
        import java.util.concurrent.TimeUnit;
        import java.util.function.DoubleUnaryOperator;

        public class Verbatim implements DoubleUnaryOperator {
          @Override
          @Guarded
          public double applyAsDouble(double x) {
            String label = "cost in $ (not $T)"; // a $ in a string and a comment: $L
            TimeUnit unit = SECONDS;
            switch (unit) {
              case SECONDS:
                break;
              default:
                label = label + unit;
            }
            String shown = label;
            DoubleUnaryOperator f = y ->
                max(y, 0)
                    + shown.length();
            return Math.log(
                f.applyAsDouble(x));
          }
        }
        """);
    Generated.assertGolden(c, "com.x.GuardedVerbatim");
    DoubleUnaryOperator f = Generated.newInstance(Generated.load(c), "com.x.GuardedVerbatim");
    assertEquals(Math.log(3 + 18), f.applyAsDouble(3), 1e-12);
  }

  @Test
  void distanceMethodsHaveAFiniteGradientEverywhere() throws Exception {
    Compilation c = Generated.compileClean("com.x.Euclid", """
        package com.x;

        import io.nanguard.Distance;
        import io.nanguard.tensor.Tensor;
        import java.util.function.BinaryOperator;

        public class Euclid implements BinaryOperator<Tensor> {
          @Override
          @Distance(eps = 1e-12)
          public Tensor apply(Tensor a, Tensor b) {
            return a.sub(b).square().sum().sqrt();
          }
        }
        """);
    Generated.assertGolden(c, "com.x.GuardedEuclid");
    BinaryOperator<Tensor> dist = Generated.newInstance(Generated.load(c), "com.x.GuardedEuclid");
    Tensor a = Tensor.of(1, 2, 3).requiresGrad(true);
    Tensor d = dist.apply(a, Tensor.of(1, 2, 3));
    d.backward();
    assertEquals(1e-6, d.item(), 1e-18, "sqrt(0 + 1e-12)");
    for (double g : a.grad().toArray()) {
      assertEquals(0, g, 0, "finite (0) gradient at a == b");
    }
    assertEquals(5, dist.apply(Tensor.of(3, 4), Tensor.of(0, 0)).item(), 1e-12);
  }

  @Test
  void abstractClassesGiveAbstractGuardedClasses() throws Exception {
    Compilation c = Generated.compileClean("com.x.Template", """
        package com.x;

        import io.nanguard.Guarded;

        public abstract class Template {
          protected Template() {}

          protected abstract double raw(double x);

          @Guarded
          public double logRaw(double x) {
            return Math.log(raw(x));
          }
        }
        """);
    Generated.assertGolden(c, "com.x.GuardedTemplate");
    Class<?> guarded = Generated.load(c).loadClass("com.x.GuardedTemplate");
    assertTrue(Modifier.isAbstract(guarded.getModifiers()));
    assertTrue(Modifier.isProtected(guarded.getDeclaredConstructor().getModifiers()));
  }

  @Test
  void integerArithmeticIsNotRewritten() throws Exception {
    Compilation c = Generated.compileClean("com.x.Counts", """
        package com.x;

        import io.nanguard.Guarded;

        public class Counts {
          @Guarded
          public int perBatch(int items, int batches) {
            long big = (long) items / batches;
            return (int) big + items % batches;
          }

          @Guarded
          public double mean(double total, int n) {
            return total / n;
          }
        }
        """);
    String generated = c.generatedSourceFile("com.x.GuardedCounts").orElseThrow().getCharContent(true).toString();
    assertThat(generated).contains("long big = (long) items / batches;");
    assertThat(generated).contains("return total / io.nanguard.guard.Guard.divisor(n, 1.0E-8, \"Counts.java:14\");");
    Class<?> guarded = Generated.load(c).loadClass("com.x.GuardedCounts");
    Object counts = guarded.getDeclaredConstructor().newInstance();
    assertEquals(3, guarded.getMethod("perBatch", int.class, int.class).invoke(counts, 7, 3));
    assertEquals(0.0, (Double) guarded.getMethod("mean", double.class, int.class).invoke(counts, 0.0, 0), 0);
  }
}
