package io.nanguard.processor.codegen;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import io.nanguard.processor.testapi.Vec;
import java.lang.reflect.Method;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A library the processor has never heard of ({@code io.nanguard.processor.testapi.Vec}, float32)
 * analysed, warned about and guarded through its {@code TensorApi} provider alone, found with
 * {@code ServiceLoader} in this module's test resources; and a class that merely has methods with
 * tensor names is not mistaken for a tensor.
 */
class ThirdLibraryTest {

  static final String SOURCE = """
      package com.x;

      import io.nanguard.Guarded;
      import io.nanguard.processor.testapi.Vec;
      import io.nanguard.processor.testapi.VecMath;

      public class VecLoss {
        @Guarded
        public Vec distance(Vec a, Vec b) {
          return a.sub(b).square().sum().sqrt();
        }

        @Guarded
        public Vec ratio(Vec a, Vec b) {
          return a.div(b);
        }

        @Guarded
        public Vec logLikelihood(Vec x) {
          return x.ln();
        }

        @Guarded
        public Vec logSigmoid(Vec x) {
          return VecMath.sigmoid(x).ln();
        }

        @Guarded
        public double notATensor(Lookalike l) {
          return l.sqrt().ln().value();
        }

        /** Has a tensor's method names, but no provider claims it. */
        public static class Lookalike {
          public Lookalike sqrt() { return this; }
          public Lookalike ln() { return this; }
          public double value() { return 0; }
        }
      }
      """;

  private static Compilation compilation;
  private static Object original;
  private static Object guarded;

  @BeforeAll
  static void compile() {
    compilation = Generated.compileClean("com.x.VecLoss", SOURCE);
    ClassLoader loader = Generated.load(compilation);
    original = Generated.newInstance(loader, "com.x.VecLoss");
    guarded = Generated.newInstance(loader, "com.x.GuardedVecLoss");
  }

  @Test
  void warnsOnTheLinesOfTheLibrarysUnsafeOps() {
    assertThat(compilation).hadWarningContaining("[nanguard:sqrt] sqrt of 'a.sub(b).square().sum()', a value in [0, inf)")
        .inFile(compilation.sourceFiles().get(0)).onLine(10);
    assertThat(compilation).hadWarningContaining("[nanguard:div] division by 'b', a value in (-inf, inf)")
        .inFile(compilation.sourceFiles().get(0)).onLine(15);
    assertThat(compilation).hadWarningContaining("[nanguard:log] log of 'x', a value in (-inf, inf)")
        .inFile(compilation.sourceFiles().get(0)).onLine(20);
    assertThat(compilation).hadWarningContaining("[nanguard:stability] log(sigmoid(x))")
        .inFile(compilation.sourceFiles().get(0)).onLine(25);
    assertThat(compilation).hadWarningCount(4); // nothing for the look-alike at line 30
  }

  @Test
  void generatesCallsOfTheLibrarysGuardClass() {
    Generated.assertGolden(compilation, "com.x.GuardedVecLoss");
  }

  @Test
  void theGeneratedCodeRunsAndIsFinite() throws Exception {
    Vec a = Vec.of(1, 0, 4);
    Vec zero = Vec.of(0, 0, 0);
    assertThat(call(original, "ratio", a, zero).get(0)).isPositiveInfinity();
    Vec ratio = call(guarded, "ratio", a, zero);
    assertThat(ratio.get(0)).isWithin(1e-2f * 1e8f).of(1e8f); // 1 / eps
    assertThat(ratio.get(1)).isEqualTo(0f);

    assertThat(call(original, "logLikelihood", zero).get(0)).isNegativeInfinity();
    assertThat(call(guarded, "logLikelihood", zero).get(0)).isWithin(1e-4f).of((float) Math.log(1e-8));

    Vec veryNegative = Vec.of(-200);
    assertThat(call(original, "logSigmoid", veryNegative).get(0)).isNegativeInfinity(); // float sigmoid underflows
    assertThat(call(guarded, "logSigmoid", veryNegative).get(0)).isWithin(1e-3f).of(-200f);

    assertThat(call(guarded, "distance", a, a).get(0)).isWithin(1e-7f).of(1e-4f); // sqrt(0 + eps)
  }

  private static Vec call(Object target, String method, Vec... args) throws Exception {
    Class<?>[] types = new Class<?>[args.length];
    java.util.Arrays.fill(types, Vec.class);
    Method m = target.getClass().getMethod(method, types);
    return (Vec) m.invoke(target, (Object[]) args);
  }
}
