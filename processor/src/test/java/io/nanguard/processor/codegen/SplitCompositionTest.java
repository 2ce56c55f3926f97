package io.nanguard.processor.codegen;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import io.nanguard.tensor.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The textbook softmax written over locals, {@code e = exp(x); p = e / sum(e); -log(p)}: the
 * generated code must call the stable ops at the outer op (softmax for p, logSoftmax for its log)
 * and give the exact loss where the original overflows, not a clamp's finite and wrong value.
 */
class SplitCompositionTest {

  private static final String SOURCE = """
      package com.x;

      import io.nanguard.Guarded;
      import io.nanguard.tensor.Tensor;
      import java.util.function.Function;

      public class SoftmaxLoss implements Function<Tensor, Tensor> {
        @Override
        @Guarded
        public Tensor apply(Tensor logits) {
          Tensor e = logits.exp();
          Tensor p = e.div(e.sum(1, true));
          return p.log().neg().mean();
        }
      }
      """;

  @Test
  void softmaxOverLocalsGivesLogThreeAtLargeEqualLogits() {
    Compilation c = Generated.compileClean("com.x.SoftmaxLoss", SOURCE);
    assertThat(c).hadWarningContaining("[nanguard:stability] exp(x) / sum(exp(x))")
        .inFile(c.sourceFiles().get(0)).onLine(12);
    // Tensor code is float64: exp overflows above ln(Double.MAX_VALUE) = 709.78.
    assertThat(c).hadWarningContaining("overflows to inf / inf = NaN for x above 709.78")
        .inFile(c.sourceFiles().get(0)).onLine(12);
    assertThat(c).hadWarningContaining("[nanguard:stability] log(softmax(x))")
        .inFile(c.sourceFiles().get(0)).onLine(13);
    assertThat(c).generatedSourceFile("com.x.GuardedSoftmaxLoss").contentsAsUtf8String()
        .contains("Guard.logSoftmax(logits, 1, 1.0E-8, \"SoftmaxLoss.java:13\")");
    ClassLoader loader = Generated.load(c);
    Function<Tensor, Tensor> original = Generated.newInstance(loader, "com.x.SoftmaxLoss");
    Function<Tensor, Tensor> guarded = Generated.newInstance(loader, "com.x.GuardedSoftmaxLoss");
    Tensor big = Tensor.of(new double[] {1000, 1000, 1000}, 1, 3);
    // exp(1000) is inf, and inf / inf is NaN: the original loses the value altogether.
    assertThat(Double.isNaN(original.apply(big).item())).isTrue();
    assertThat(guarded.apply(big).item()).isWithin(1e-12).of(Math.log(3));
    // Where nothing overflows, the guarded loss is the original's, computed independently here.
    double[] small = {0.5, -1.0, 2.0};
    double z = Math.exp(0.5) + Math.exp(-1.0) + Math.exp(2.0);
    double expected = -(Math.log(Math.exp(0.5) / z) + Math.log(Math.exp(-1.0) / z) + Math.log(Math.exp(2.0) / z)) / 3;
    assertThat(guarded.apply(Tensor.of(small, 1, 3)).item()).isWithin(1e-12).of(expected);
    assertThat(original.apply(Tensor.of(small, 1, 3)).item()).isWithin(1e-12).of(expected);
  }
}
