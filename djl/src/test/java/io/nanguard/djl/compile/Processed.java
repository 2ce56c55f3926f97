package io.nanguard.djl.compile;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.nanguard.processor.NanGuardProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Compiles NDArray sources through the real processor, which finds the NDArray provider on the class path. */
final class Processed {

  private Processed() {}

  /** Compiles one source with the processor and the given options. */
  static Compilation compile(String qualifiedName, String source, String... options) {
    return javac().withProcessors(new NanGuardProcessor()).withOptions(List.of(options))
        .compile(JavaFileObjects.forSourceString(qualifiedName, source));
  }

  /** Every warning as {@code line: message}, for failure messages. */
  static String warnings(Compilation c) {
    return c.warnings().stream().map(d -> d.getLineNumber() + ": " + d.getMessage(null))
        .collect(Collectors.joining("\n"));
  }

  /** The generated source text. */
  static String generated(Compilation c, String qualifiedName) {
    try {
      return c.generatedSourceFile(qualifiedName).orElseThrow(
          () -> new AssertionError("no generated " + qualifiedName + "; warnings:\n" + warnings(c)))
          .getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A class loader holding every class the compilation produced, over the test class path. */
  static ClassLoader load(Compilation c) {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject f : c.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = f.toUri().getPath();
      String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(),
          path.length() - ".class".length());
      try (InputStream in = f.openInputStream()) {
        classes.put(name.replace('/', '.'), in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new ClassLoader(Processed.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
  }

  /** Diagnostics of one kind, for assertions on counts. */
  static long count(Compilation c, Diagnostic.Kind kind) {
    return c.diagnostics().stream().filter(d -> d.getKind() == kind).count();
  }
}
