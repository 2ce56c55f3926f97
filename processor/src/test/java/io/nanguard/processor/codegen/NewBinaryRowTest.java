package io.nanguard.processor.codegen;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import io.nanguard.tensor.Tensor;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code atan2} is one binary catalogue row ({@code BinaryRows.ATAN2}) and one {@code Tensor}
 * method: the analysis warns on it, the rewriter guards it through
 * {@code Guard.binary(BinaryRows.ATAN2, ...)}, and the generated code has a finite value and
 * gradient at (0, 0), where PyTorch's gradient is NaN, with no edit of the processor or the
 * guards. {@code pow} with a tensor exponent is a binary row too, guarded by its own method.
 */
class NewBinaryRowTest {

  static final String SOURCE = """
      package com.x;

      import io.nanguard.Guarded;
      import io.nanguard.tensor.Tensor;
      import java.util.function.BinaryOperator;

      public class Angles implements BinaryOperator<Tensor> {
        @Override
        @Guarded
        public Tensor apply(Tensor y, Tensor x) {
          return y.atan2(x).sum().add(x.pow(y).sum());
        }
      }
      """;

  private static Compilation compilation;
  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    compilation = Generated.compileClean("com.x.Angles", SOURCE);
    loader = Generated.load(compilation);
  }

  @Test
  void theAnalysisWarnsOnItsLine() {
    assertThat(compilation).hadWarningContaining("[nanguard:div] atan2 of 'x', a value in (-inf, inf): the value is"
        + " finite but the gradient may be infinite, which backward turns into NaN (gradient-only failure); the"
        + " guarded code uses atan2(a, b with |b| raised to at least eps, sign kept) where |a| < eps")
        .inFile(compilation.sourceFiles().get(0)).onLine(11);
    assertThat(compilation).hadWarningContaining("[nanguard:pow] pow of 'x', a value in (-inf, inf): the value itself"
        + " may be non-finite (forward failure); the guarded code uses pow(max(x, 0) + eps, p)")
        .inFile(compilation.sourceFiles().get(0)).onLine(11);
    assertThat(compilation).hadWarningCount(2);
  }

  @Test
  void theRewriterCallsTheGenericBinaryGuardWithTheRow() {
    Generated.assertGolden(compilation, "com.x.GuardedAngles");
  }

  @Test
  void theGuardedCodeIsFiniteInValueAndGradientAtTheOrigin() {
    BinaryOperator<Tensor> original = Generated.newInstance(loader, "com.x.Angles");
    BinaryOperator<Tensor> guarded = Generated.newInstance(loader, "com.x.GuardedAngles");
    Tensor y0 = Tensor.of(0, 1).requiresGrad(true);
    Tensor x0 = Tensor.of(0, 1).requiresGrad(true);
    original.apply(y0, x0).backward();
    assertThat(y0.grad().get(0)).isNaN(); // PyTorch's atan2 gradient at (0, 0)

    Tensor y = Tensor.of(0, 1).requiresGrad(true);
    Tensor x = Tensor.of(0, 1).requiresGrad(true);
    Tensor loss = guarded.apply(y, x);
    double eps = 1e-8;
    // atan2(0, eps) + atan2(1, 1), plus pow(max(x, 0) + eps, y): (eps)^0 + (1 + eps)^1.
    assertThat(loss.item()).isWithin(1e-12).of(Math.PI / 4 + 1 + 1 + eps);
    loss.backward();
    // d atan2(y, eps)/dy = eps / (y^2 + eps^2) = 1 / eps at y = 0; d/dx = 0 where x was moved.
    // Plus d pow(x + eps, y)/dy = (x + eps)^y log(x + eps): log(eps) at (0, 0), (1 + eps) log(1 + eps) at (1, 1).
    assertThat(y.grad().get(0)).isWithin(1e-6 / eps).of(1 / eps + Math.log(eps));
    assertThat(y.grad().get(1)).isWithin(1e-12).of(0.5 + (1 + eps) * Math.log1p(eps));
    // d pow/dx = y (x + eps)^(y - 1): 0 at y = 0, 1 at (1, 1); d atan2/dx = -y / (x^2 + y^2) = -1/2 at (1, 1).
    assertThat(x.grad().get(0)).isEqualTo(0.0);
    assertThat(x.grad().get(1)).isWithin(1e-12).of(-0.5 + 1);
  }
}
