package io.nanguard.processor;

import static com.google.common.truth.Truth.assertThat;

import java.io.File;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On Eclipse's compiler (no javac Trees API) the processor prints one note and nothing else. */
class EcjTest {

  @Test
  void ecjCompilesTheSourceAndTheProcessorSaysOnceWhyItDoesNothing(@TempDir Path out) throws Exception {
    Path source = out.resolve("Loss.java");
    Files.write(source, List.of(
        "package p;",
        "import io.nanguard.Guarded;",
        "import io.nanguard.tensor.Tensor;",
        "public class Loss {",
        "  @Guarded public Tensor f(Tensor x) { return x.sqrt(); }",
        "  @Guarded public Tensor g(Tensor x) { return x.log(); }",
        "}"));
    JavaCompiler ecj = new EclipseCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = ecj.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      List<String> options = List.of("-17", "-proc:only", "-d", out.toString(),
          "-classpath", System.getProperty("java.class.path"));
      JavaCompiler.CompilationTask task = ecj.getTask(new StringWriter(), files, diagnostics, options, null,
          files.getJavaFileObjects(source));
      task.setProcessors(List.of(new NanGuardProcessor()));
      assertThat(task.call()).isTrue();
    }
    List<String> nanguard = diagnostics.getDiagnostics().stream()
        .map(d -> d.getKind() + " " + d.getMessage(Locale.ROOT))
        .filter(m -> m.contains("nanguard"))
        .collect(Collectors.toList());
    assertThat(nanguard).hasSize(1);
    assertThat(nanguard.get(0)).startsWith(Diagnostic.Kind.NOTE + " [nanguard] this compiler does not offer");
    assertThat(Files.exists(out.resolve("p" + File.separator + "GuardedLoss.java"))).isFalse();
  }
}
