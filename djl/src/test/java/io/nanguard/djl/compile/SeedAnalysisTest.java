package io.nanguard.djl.compile;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.nanguard.processor.NanGuardProcessor;
import io.nanguard.processor.codegen.Generated;
import java.net.MalformedURLException;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's loss on NDArray, the very file the DJL tests train ({@code demo/SegmentLoss.java}):
 * both sqrt lines warned, nothing else, and a {@code GuardedSegmentLoss} that calls
 * {@code NdGuard.sqrtNonNegative} (the operand is a sum of squares) with the user's lines.
 */
class SeedAnalysisTest {

  private static JavaFileObject source;
  private static Compilation compilation;

  @BeforeAll
  static void compile() throws MalformedURLException {
    source = JavaFileObjects.forResource(
        Path.of("src/test/java/io/nanguard/djl/demo/SegmentLoss.java").toUri().toURL());
    compilation = com.google.testing.compile.Compiler.javac().withProcessors(new NanGuardProcessor())
        .withOptions("-Xlint:all,-processing").compile(source);
    assertThat(compilation).succeeded();
  }

  @Test
  void bothSqrtLinesAreWarnedAndNothingElse() {
    String gradientOnly = ", a value in [0, inf) (float32): the value is finite but the gradient may be infinite";
    assertThat(compilation).hadWarningContaining("[nanguard:sqrt] sqrt of ").inFile(source).onLine(28);
    assertThat(compilation).hadWarningContaining(gradientOnly).inFile(source).onLine(28);
    assertThat(compilation).hadWarningContaining("[nanguard:sqrt] sqrt of ").inFile(source).onLine(29);
    assertThat(compilation).hadWarningContaining(gradientOnly).inFile(source).onLine(29);
    assertThat(compilation).hadWarningCount(2);
  }

  @Test
  void theGuardedClassCallsNdGuardWithTheUsersLines() {
    String generated = Generated.source(compilation, "io.nanguard.djl.demo.GuardedSegmentLoss");
    assertTrue(generated.contains("NDArray d1 = io.nanguard.djl.NdGuard.sqrtNonNegative(v.sub(v0).square().sum(new int[] {1}), 1.0E-8,"
        + " \"SegmentLoss.java:28\");"), generated);
    assertTrue(generated.contains("NDArray d2 = io.nanguard.djl.NdGuard.sqrtNonNegative(v.sub(vN).square().sum(new int[] {1}), 1.0E-8,"
        + " \"SegmentLoss.java:29\");"), generated);
    assertTrue(generated.contains("public class GuardedSegmentLoss extends SegmentLoss"), generated);
  }
}
