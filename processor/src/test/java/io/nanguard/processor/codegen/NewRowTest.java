package io.nanguard.processor.codegen;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import io.nanguard.tensor.Tensor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code logit} was added as one catalogue row and one {@code Tensor} method: the analysis warns
 * on it, the rewriter guards it through {@code Guard.unary(OpCatalog.LOGIT, ...)}, and the
 * generated code is finite where the original is not, with no edit of the processor or the guards.
 */
class NewRowTest {

  static final String SOURCE = """
      package com.x;

      import io.nanguard.Guarded;
      import io.nanguard.tensor.Tensor;
      import java.util.function.UnaryOperator;

      public class Logits implements UnaryOperator<Tensor> {
        @Override
        @Guarded
        public Tensor apply(Tensor p) {
          return p.logit().mean();
        }
      }
      """;

  private static Compilation compilation;
  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    compilation = Generated.compileClean("com.x.Logits", SOURCE);
    loader = Generated.load(compilation);
  }

  @Test
  void theAnalysisWarnsOnItsLine() {
    assertThat(compilation).hadWarningContaining("[nanguard:log] logit of 'p', a value in (-inf, inf): the value itself"
        + " may be non-finite (forward failure); the guarded code uses logit(clamp(x, eps, 1 - eps))")
        .inFile(compilation.sourceFiles().get(0)).onLine(11);
    assertThat(compilation).hadWarningCount(1);
  }

  @Test
  void theRewriterCallsTheGenericGuardWithTheRow() {
    Generated.assertGolden(compilation, "com.x.GuardedLogits");
  }

  @Test
  void theGuardedCodeIsFiniteInValueAndGradient() {
    UnaryOperator<Tensor> original = Generated.newInstance(loader, "com.x.Logits");
    UnaryOperator<Tensor> guarded = Generated.newInstance(loader, "com.x.GuardedLogits");
    assertThat(original.apply(Tensor.of(0, 0.5)).item()).isNegativeInfinity();
    Tensor p = Tensor.of(0, 0.5).requiresGrad(true);
    Tensor loss = guarded.apply(p);
    assertThat(loss.item()).isWithin(1e-9).of((Math.log(1e-8) - Math.log1p(-1e-8)) / 2);
    loss.backward();
    assertThat(p.grad().get(0)).isEqualTo(0.0); // clamped
    assertThat(p.grad().get(1)).isWithin(1e-12).of(2.0); // d logit/dp = 1 / (p (1 - p)) = 4, times 1/2 for the mean
  }
}
