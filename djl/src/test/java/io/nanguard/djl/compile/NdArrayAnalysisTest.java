package io.nanguard.djl.compile;

import static com.google.testing.compile.CompilationSubject.assertThat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.testing.compile.Compilation;
import io.nanguard.djl.Autograd;
import io.nanguard.processor.codegen.Generated;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every NDArray op of the table warned on its own line, with DJL's signatures, float32 ranges
 * by default and the formats declared with {@code @Precision}; the safe forms are left alone.
 */
class NdArrayAnalysisTest {

  static final String SOURCE = """
      package com.x;

      import ai.djl.ndarray.NDArray;
      import ai.djl.nn.Activation;
      import io.nanguard.Guarded;
      import io.nanguard.Precision;
      import io.nanguard.UnitInterval;
      import io.nanguard.ops.FloatFormat;

      @Guarded
      public class Ops {
        public NDArray sqrt(NDArray x) { return x.sqrt(); }
        public NDArray pow(NDArray x) { return x.pow(0.5f); }
        public NDArray log(NDArray x) { return x.log(); }
        public NDArray log2(NDArray x) { return x.log2(); }
        public NDArray log10(NDArray x) { return x.log10(); }
        public NDArray div(NDArray a, NDArray b) { return a.div(b); }
        public NDArray divNumber(NDArray a, float n) { return a.div(n); }
        public NDArray acos(NDArray x) { return x.acos(); }
        public NDArray asin(NDArray x) { return x.asin(); }
        public NDArray exp(NDArray x) { return x.exp(); }
        public NDArray softmax(NDArray x) { return x.exp().div(x.exp().sum(new int[] {1}, true)); }
        public NDArray logSoftmax(NDArray x) { return x.softmax(1).log(); }
        public NDArray logSumExp(NDArray x) { return x.exp().sum(new int[] {1}).log(); }
        public NDArray log1p(NDArray x) { return x.add(1f).log(); }
        public NDArray logSigmoid(NDArray x) { return Activation.sigmoid(x).log(); }

        public NDArray norm(NDArray a, NDArray b) { return a.sub(b).norm(); }
        public NDArray normAxes(NDArray a) { return a.norm(new int[] {1}).add(1f).sqrt(); }
        public NDArray clipped(NDArray x) { return x.clip(1e-6f, 1f).log(); }
        public NDArray maximum(NDArray x) { return x.maximum(1e-6f).sqrt(); }
        public NDArray minimum(NDArray x) { return x.minimum(-1f).neg().log(); }
        public NDArray softmaxAxis(NDArray x) { return x.softmax(1).add(1e-6f).log(); }
        public NDArray logSoftmaxAxis(NDArray x) { return x.logSoftmax(1).exp(); }
        public NDArray sigmoid(NDArray x) { return Activation.sigmoid(x).add(1e-6f).log(); }
        public NDArray epsInside(NDArray x) { return x.square().sum(new int[] {1}, true).add(1e-8f).sqrt(); }

        public NDArray expOf100(NDArray x) { return x.clip(0f, 100f).exp(); }
        public NDArray unitClamp(NDArray x) { return x.clip(-1 + 1e-9, 1 - 1e-9).acos(); }
        public NDArray onePlusTiny(@UnitInterval NDArray p) { return p.neg().add(1 + 1e-9).log(); }
        @Precision(FloatFormat.FLOAT64) public NDArray expOf100In64(NDArray x) { return x.clip(0f, 100f).exp(); }
        @Precision(FloatFormat.FLOAT16) public NDArray expOf20In16(NDArray x) { return x.clip(0f, 20f).exp(); }
        @Precision(FloatFormat.FLOAT64) public NDArray unitClampIn64(NDArray x) { return x.clip(-1 + 1e-9, 1 - 1e-9).acos(); }
        public NDArray logSumExpKept(NDArray x) { return x.exp().sum(new int[] {1}, true).log(); }
      }
      """;

  private static Compilation compilation;
  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    compilation = Generated.compile(List.of("-Xlint:all,-processing"), "com.x.Ops", SOURCE);
    assertThat(compilation).succeeded();
    loader = Generated.load(compilation);
  }

  static Stream<Arguments> warned() {
    return Stream.of(
        Arguments.of(12, "[nanguard:sqrt] sqrt of 'x', a value in (-inf, inf) (float32)"),
        Arguments.of(13, "[nanguard:pow] pow of 'x', a value in (-inf, inf) (float32)"),
        Arguments.of(14, "[nanguard:log] log of 'x', a value in (-inf, inf) (float32)"),
        Arguments.of(15, "[nanguard:log] log2 of 'x'"),
        Arguments.of(16, "[nanguard:log] log10 of 'x'"),
        Arguments.of(17, "[nanguard:div] division by 'b', a value in (-inf, inf)"),
        Arguments.of(18, "[nanguard:div] division by 'n', a value in (-inf, inf)"),
        Arguments.of(19, "[nanguard:acos] acos of 'x'"),
        Arguments.of(20, "[nanguard:asin] asin of 'x'"),
        Arguments.of(21, "[nanguard:exp] exp of 'x', a value in (-inf, inf) (float32)"),
        Arguments.of(22, "[nanguard:stability] exp(x) / sum(exp(x))"),
        Arguments.of(23, "[nanguard:stability] log(softmax(x))"),
        Arguments.of(24, "[nanguard:stability] log(sum(exp(x)))"),
        Arguments.of(25, "[nanguard:stability] log(1 + x)"),
        Arguments.of(26, "[nanguard:stability] log(sigmoid(x))"),
        // float32 traps: each safe in float64
        Arguments.of(38, "[nanguard:exp] exp of "),
        Arguments.of(38, ", a value in [0, 100] (float32): the value itself may be non-finite"),
        Arguments.of(39, "[nanguard:acos] acos of "),
        Arguments.of(39, ", a value in [-1, 1] (float32)"),
        Arguments.of(40, "[nanguard:log] log of "),
        Arguments.of(40, ", a value in [0, 1] (float32)"),
        Arguments.of(42, "[nanguard:exp] exp of "),
        Arguments.of(42, ", a value in [0, 20] (float16)"),
        Arguments.of(44, "[nanguard:stability] log(sum(exp(x)))"));
  }

  @ParameterizedTest(name = "line {0}")
  @MethodSource("warned")
  void everyUnsafeOpIsWarnedOnItsLine(int line, String message) {
    assertThat(compilation).hadWarningContaining(message).inFile(compilation.sourceFiles().get(0)).onLine(line);
  }

  @Test
  void theSafeFormsAndTheFloat64DeclarationsAreNotWarned() {
    // lines 28-36 (norm, clip, maximum, minimum, softmax(axis), logSoftmax(axis), sigmoid, eps inside),
    // 41 and 43 (@Precision(FLOAT64)) have no warning: the count is exactly the table above
    assertThat(compilation).hadWarningCount(20);
  }

  static final String TRAPS = """
      package com.y;

      import ai.djl.ndarray.NDArray;
      import io.nanguard.Guarded;
      import io.nanguard.Precision;
      import io.nanguard.ops.FloatFormat;

      @Guarded
      @Precision(FloatFormat.FLOAT16)
      public class Traps {
        public NDArray expOf20(NDArray x) { return x.clip(0f, 20f).exp(); }
        @Precision(FloatFormat.FLOAT32) public NDArray expOf20In32(NDArray x) { return x.clip(0f, 20f).exp(); }
        public NDArray unitClamp(NDArray x) { return x.clip(-1 + 1e-9, 1 - 1e-9).acos(); }
      }
      """;

  @Test
  void aTypeDeclaresItsFormatAndAMethodOverridesIt() {
    Compilation c = Generated.compile(List.of(), "com.y.Traps", TRAPS);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining(", a value in [0, 20] (float16)").inFile(c.sourceFiles().get(0)).onLine(11);
    assertThat(c).hadWarningContaining(", a value in [-1, 1] (float16)").inFile(c.sourceFiles().get(0)).onLine(13);
    assertThat(c).hadWarningCount(2); // line 12: exp of 20 is fine in float32
  }

  @Test
  void theOptionDeclaresTheFormatOfEveryProviderLibrary() {
    String source = SOURCE.replace("public class Ops", "public class Ops64");
    Compilation c = Generated.compile(List.of("-Ananguard.format=float64"), "com.x.Ops64", source);
    assertThat(c).succeeded();
    // the float32 traps (lines 38-40) are safe in float64; line 42 declares float16 itself
    assertThat(c).hadWarningCount(17);
    assertThat(c).hadWarningContaining(", a value in [0, 20] (float16)").inFile(c.sourceFiles().get(0)).onLine(42);
    assertThat(c).hadWarningContaining("[nanguard:sqrt] sqrt of 'x', a value in (-inf, inf):")
        .inFile(c.sourceFiles().get(0)).onLine(12);
  }

  @Test
  void stabilityMessagesStateTheLimitsOfFloat32() {
    // ln(Float.MAX_VALUE) = 88.72; the smallest float32 subnormal is e^-103.28
    assertThat(compilation).hadWarningContaining("exp(x) / sum(exp(x)) overflows to inf / inf = NaN for x above 88.72")
        .inFile(compilation.sourceFiles().get(0)).onLine(22);
    assertThat(compilation).hadWarningContaining("log(sum(exp(x))) overflows to inf for x above 88.72 and")
        .inFile(compilation.sourceFiles().get(0)).onLine(24);
    assertThat(compilation).hadWarningContaining("sigmoid underflows to 0 (x below about -103.28)")
        .inFile(compilation.sourceFiles().get(0)).onLine(26);
  }

  @Test
  void theExpGuardClampsAtTheFormatsOwnLimit() {
    assertThat(compilation).hadWarningContaining("the guarded code uses exp(min(x, 88))")
        .inFile(compilation.sourceFiles().get(0)).onLine(38);
    assertThat(compilation).hadWarningContaining("the guarded code uses exp(min(x, 11))")
        .inFile(compilation.sourceFiles().get(0)).onLine(42);
  }

  @Test
  void theGeneratedClassCallsNdGuardAndRunsFiniteOnTheEngine() throws Exception {
    String generated = Generated.source(compilation, "com.x.GuardedOps");
    assertTrue(generated.contains("return io.nanguard.djl.NdGuard.softmax(x, new int[] {1}, 1.0E-8, \"Ops.java:22\");"), generated);
    assertTrue(generated.contains("return a.sub(b).norm();"), "proven-safe code is copied as is");
    assertTrue(generated.contains("return io.nanguard.djl.NdGuard.sqrt(x, 1.0E-8, \"Ops.java:12\");"),
        "an operand that may be negative keeps the clamp to 0: " + generated);
    Object original = loader.loadClass("com.x.Ops").getConstructor().newInstance();
    Object guarded = loader.loadClass("com.x.GuardedOps").getConstructor().newInstance();
    try (NDManager m = NDManager.newBaseManager()) {
      for (String method : List.of("sqrt", "log", "log2", "log10", "acos", "asin", "exp", "log1p", "logSigmoid",
          "expOf100", "unitClamp")) {
        float[] singular = singularPointOf(method);
        assertFalse(Autograd.of(m, singular, x -> call(original, method, x)).finite(), method + " original");
        assertTrue(Autograd.of(m, singular, x -> call(guarded, method, x)).finite(), method + " guarded");
      }
      float[] big = {100f, 100f};
      assertFalse(Autograd.of(m, big, x -> call(original, "logSumExp", x.reshape(1, 2))).finite());
      assertTrue(Autograd.of(m, big, x -> call(guarded, "logSumExp", x.reshape(1, 2))).finite());
      assertTrue(Autograd.of(m, big, x -> call(guarded, "softmax", x.reshape(1, 2))).finite());
    }
  }

  @Test
  void logSumExpWithKeepDimsIsRewrittenToTheStableFormAndKeepsTheDimension() throws Exception {
    String generated = Generated.source(compilation, "com.x.GuardedOps");
    assertTrue(generated.contains(
        "return io.nanguard.djl.NdGuard.logSumExp(x, new int[] {1}, true, 1.0E-8, \"Ops.java:44\");"), generated);
    Object original = loader.loadClass("com.x.Ops").getConstructor().newInstance();
    Object guarded = loader.loadClass("com.x.GuardedOps").getConstructor().newInstance();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logits = m.create(new float[] {1000f, 1000f, 1000f}).reshape(1, 3);
      assertEquals(Float.POSITIVE_INFINITY, call(original, "logSumExpKept", logits).getFloat(0, 0), "exp(1000) is inf");
      NDArray y = call(guarded, "logSumExpKept", logits);
      assertEquals(new Shape(1, 1), y.getShape(), "keepDims kept");
      assertEquals((float) (1000 + Math.log(3)), y.getFloat(0, 0), 1e-4f);
      assertTrue(Autograd.of(m, new float[] {1000f, 1000f, 1000f}, x -> call(guarded, "logSumExpKept", x.reshape(1, 3)))
          .finite());
    }
  }

  private static float[] singularPointOf(String method) {
    return switch (method) {
      case "acos", "unitClamp" -> new float[] {1f, 0.5f};
      case "asin" -> new float[] {-1f, 0.5f};
      case "exp", "expOf100" -> new float[] {100f, 1f};
      case "log1p" -> new float[] {-1f, 1f};
      case "logSigmoid" -> new float[] {-200f, 1f};
      default -> new float[] {0f, 1f};
    };
  }

  private static NDArray call(Object target, String method, NDArray x) {
    try {
      Method m = target.getClass().getMethod(method, NDArray.class);
      return (NDArray) m.invoke(target, x);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(method, e);
    }
  }
}
