package io.nanguard.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** A class whose guarded methods are all provably safe compiles without a single diagnostic. */
class CleanCompileTest {

  @Test
  void safeLossesCompileWithoutWarnings() {
    JavaFileObject file = JavaFileObjects.forSourceLines("p.Clean",
        "package p;",
        "import io.nanguard.*;",
        "import io.nanguard.tensor.Tensor;",
        "@Guarded",
        "public class Clean {",
        "  public Tensor distance(Tensor a, Tensor b) { return a.sub(b).square().sum(1).add(1e-8).sqrt(); }",
        "  public Tensor crossEntropy(Tensor logits) { return logits.logSoftmax(1).neg().mean(); }",
        "  public Tensor softplus(Tensor x) { return x.logSigmoid().neg(); }",
        "  public Tensor normalize(Tensor x) { return x.div(x.norm(1).clampMin(1e-12).unsqueeze(1)); }",
        "  public Tensor kl(Tensor mu, Tensor logvar) {",
        "    return logvar.clamp(-30, 30).exp().add(mu.square()).sub(1).sub(logvar).mul(0.5).sum();",
        "  }",
        "  public double rms(@NonNegative double meanSquare) { return Math.sqrt(meanSquare + 1e-12); }",
        "  public double logit(@UnitInterval double p) { return Math.log(p + 1e-9) - Math.log(1 - p + 1e-9); }",
        "  public static double mean(double sum, @Positive int n) { return sum / n; }",
        "}");
    Sources.Result r = Sources.compile(file);
    assertThat(r.compilation()).succeededWithoutWarnings();
    assertThat(r.handedOff()).hasSize(8);
    r.handedOff().forEach(m -> assertThat(m.findings()).isEmpty());
  }
}
