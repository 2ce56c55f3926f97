package io.nanguard.demo;

import io.nanguard.processor.NanGuardProcessor;
import io.nanguard.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The warnings NaNGuard's processor gives for one of the demo's sources, captured by compiling
 * that source (shipped with the demo) with javac and the processor, exactly as the build does,
 * so the demo quotes what the compiler says rather than a copy that could drift.
 */
public final class CompileTimeWarnings {

  private CompileTimeWarnings() {}

  /** The source text of a demo class, as shipped in the demo's resources. */
  public static String source(String fileName) {
    try (InputStream in = CompileTimeWarnings.class.getResourceAsStream(fileName)) {
      if (in == null) {
        throw new IllegalStateException("demo source " + fileName + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles the named demo source with the processor and returns its warnings, javac style. */
  public static List<String> of(String fileName) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no system Java compiler: run the demo on a JDK, not a JRE");
    }
    try {
      Path dir = Files.createTempDirectory("nanguard-demo");
      Path src = dir.resolve(fileName);
      Files.writeString(src, source(fileName));
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
        List<String> options = List.of("-classpath", location(Tensor.class), "-d", dir.toString(),
            "-s", dir.toString(), "-proc:only");
        JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, options, null,
            files.getJavaFileObjects(src));
        task.setProcessors(List.of(new NanGuardProcessor()));
        task.call();
      }
      List<String> warnings = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        String message = d.getMessage(Locale.ROOT);
        if (message.startsWith("[nanguard:")) {
          warnings.add(fileName + ":" + d.getLineNumber() + ": " + d.getKind().toString().toLowerCase(Locale.ROOT)
              .replace("mandatory_", "") + ": " + message);
        }
      }
      return warnings;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
