package io.nanguard.djl.compile;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.testing.compile.Compilation;
import io.nanguard.djl.BinaryAutograd;
import io.nanguard.processor.codegen.Generated;
import java.util.List;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code x.pow(y)} and {@code a.atan2(b)} with NDArray operands in a {@code @Guarded} method: each
 * is warned on its line and rewritten to the NdGuard form for two arrays (before that form
 * existed, the rewrite called {@code NdGuard.pow(NDArray, Number, ...)} with an NDArray and the
 * generated class did not compile); the generated class compiles cleanly and runs finite at the
 * singular points on the engine.
 */
class ArrayExponentTest {

  static final String SOURCE = """
      package com.z;

      import ai.djl.ndarray.NDArray;
      import io.nanguard.Guarded;

      public class Powers {
        @Guarded
        public NDArray power(NDArray x, NDArray y) {
          return x.pow(y);
        }

        @Guarded
        public NDArray angle(NDArray a, NDArray b) {
          return a.atan2(b);
        }
      }
      """;

  private static Compilation compilation;
  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    compilation = Generated.compile(List.of("-Xlint:all,-processing"), "com.z.Powers", SOURCE);
    assertThat(compilation).succeeded();
    loader = Generated.load(compilation);
  }

  @Test
  void bothAreWarnedOnTheirLines() {
    assertThat(compilation).hadWarningContaining("[nanguard:pow] pow of 'x'")
        .inFile(compilation.sourceFiles().get(0)).onLine(9);
    assertThat(compilation).hadWarningContaining("atan2 of")
        .inFile(compilation.sourceFiles().get(0)).onLine(14);
    assertThat(compilation).hadWarningCount(2);
  }

  @Test
  void theGeneratedClassCallsTheArrayFormsWithTheUsersLines() {
    String generated = Generated.source(compilation, "com.z.GuardedPowers");
    assertTrue(generated.contains("return io.nanguard.djl.NdGuard.pow(x, y, 1.0E-8, \"Powers.java:9\");"), generated);
    assertTrue(generated.contains("return io.nanguard.djl.NdGuard.atan2(a, b, 1.0E-8, \"Powers.java:14\");"), generated);
  }

  @Test
  void theGeneratedClassRunsFiniteWhereTheOriginalDoesNot() throws Exception {
    Object original = loader.loadClass("com.z.Powers").getConstructor().newInstance();
    Object guarded = loader.loadClass("com.z.GuardedPowers").getConstructor().newInstance();
    try (NDManager m = NDManager.newBaseManager()) {
      float[] zero = {0f, 4f};
      float[] half = {0.5f, 0.5f};
      assertFalse(BinaryAutograd.of(m, zero, half, call(original, "power")).finite());
      assertTrue(BinaryAutograd.of(m, zero, half, call(guarded, "power")).finite());
      float[] origin = {0f, 1f};
      assertFalse(BinaryAutograd.of(m, origin, origin, call(original, "angle")).finite());
      assertTrue(BinaryAutograd.of(m, origin, origin, call(guarded, "angle")).finite());
    }
  }

  private static BinaryOperator<NDArray> call(Object target, String method) {
    return (a, b) -> {
      try {
        return (NDArray) target.getClass().getMethod(method, NDArray.class, NDArray.class).invoke(target, a, b);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(method, e);
      }
    };
  }
}
