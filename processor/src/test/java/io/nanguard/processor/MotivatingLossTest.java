package io.nanguard.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import io.nanguard.ops.Failure;
import io.nanguard.processor.analysis.Finding;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The SPEC's motivating loss: exactly the two hand-written sqrt are flagged, dist is not. */
class MotivatingLossTest {

  private static final JavaFileObject LOSS = JavaFileObjects.forSourceLines("demo.LatentLoss",
      "package demo;",
      "import io.nanguard.Guarded;",
      "import io.nanguard.tensor.Tensor;",
      "public class LatentLoss {",
      "  @Guarded",
      "  public Tensor loss(Tensor w) {",
      "    Tensor v0 = w.select(0, 0);",
      "    Tensor vN = w.select(0, w.size(0) - 1);",
      "    Tensor d1 = v0.sub(w).square().sum(1).sqrt();",
      "    Tensor d2 = vN.sub(w).square().sum(1).sqrt();",
      "    return d1.add(d2).sub(v0.dist(vN)).abs().mean();",
      "  }",
      "}");

  @Test
  void exactlyTwoSqrtWarningsOnTheD1AndD2Lines() {
    Sources.Result r = Sources.compile(LOSS);
    assertThat(r.compilation()).succeeded();
    assertThat(r.describe()).hasSize(2);
    assertThat(r.compilation()).hadWarningContaining("[nanguard:sqrt]").inFile(LOSS).onLine(9);
    assertThat(r.compilation()).hadWarningContaining("[nanguard:sqrt]").inFile(LOSS).onLine(10);
    assertThat(r.warnings().get(0).getMessage(null)).contains("[0, inf)");
    assertThat(r.warnings().get(0).getMessage(null)).contains("gradient-only failure");
  }

  @Test
  void theRealProcessorWritesACompilingGuardedClassThatGuardsBothSqrt() throws IOException {
    Compilation c = javac().withProcessors(new NanGuardProcessor()).compile(LOSS);
    assertThat(c).succeeded();
    String generated = c.generatedSourceFile("demo.GuardedLatentLoss").orElseThrow().getCharContent(true).toString();
    assertThat(generated).contains("extends LatentLoss");
    assertThat(generated.split("Guard\\.sqrt\\(", -1)).hasLength(3);
    assertThat(generated).contains("v0.dist(vN)");
  }

  @Test
  void theFindingsAreGradientOnlySqrtFixesOnTheSumOfSquares() {
    List<Finding> findings = Sources.compile(LOSS).handedOff().get(0).findings();
    assertThat(findings.stream().map(f -> f.failure()).collect(Collectors.toList()))
        .containsExactly(Failure.GRADIENT, Failure.GRADIENT);
    assertThat(findings.get(0).fix().guardMethod()).isEqualTo("sqrt");
    assertThat(findings.get(0).fix().args().get(0).toString()).isEqualTo("v0.sub(w).square().sum(1)");
    assertThat(findings.get(0).fix().target().toString()).isEqualTo("v0.sub(w).square().sum(1).sqrt()");
  }
}
