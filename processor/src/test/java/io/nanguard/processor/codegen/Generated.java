package io.nanguard.processor.codegen;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.nanguard.processor.NanGuardProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * Test support: compiles sources through the real {@link NanGuardProcessor} (analysis, then this
 * package's generator), compares generated sources
 * with golden files ({@code -Dnanguard.updateGolden=true} rewrites them), and loads the compiled
 * classes, original and generated, so tests can run them. Published in the processor's test jar
 * for modules that test a tensor API provider of their own (djl/).
 */
public final class Generated {

  private static final Path GOLDEN_DIR = Path.of("src/test/resources/golden");

  private Generated() {}

  /**
   * Compiles with every lint warning on and requires success where the only warnings are the
   * analysis's own {@code [nanguard:KIND]} ones on the original source: javac has nothing to say
   * about the generated code.
   */
  static Compilation compileClean(String... qualifiedNameThenSource) {
    // -processing: javac's note that no processor claimed @Guarded/@Generated is about claiming
    // (NanGuardProcessor leaves annotations to other processors), not about the code.
    Compilation c = compile(List.of("-Xlint:all,-processing"), qualifiedNameThenSource);
    assertThat(c).succeeded();
    for (Diagnostic<? extends JavaFileObject> d : c.warnings()) {
      String message = d.getMessage(Locale.ROOT);
      assertThat(message).startsWith("[nanguard:");
      assertThat(d.getSource().getName()).doesNotContain("/Guarded");
    }
    return c;
  }

  public static Compilation compile(List<String> options, String... qualifiedNameThenSource) {
    JavaFileObject[] files = new JavaFileObject[qualifiedNameThenSource.length / 2];
    for (int i = 0; i < files.length; i++) {
      files[i] = JavaFileObjects.forSourceString(qualifiedNameThenSource[2 * i], qualifiedNameThenSource[2 * i + 1]);
    }
    return javac().withProcessors(new NanGuardProcessor()).withOptions(options).compile(files);
  }

  /** The text of a generated source; fails naming the compilation's warnings if there is none. */
  public static String source(Compilation c, String qualifiedName) {
    try {
      return c.generatedSourceFile(qualifiedName).orElseThrow(
          () -> new AssertionError("no generated source " + qualifiedName + "; warnings:\n" + c.warnings()))
          .getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The generated source equals golden/{@code <simple name>}.java. */
  static void assertGolden(Compilation c, String qualifiedName) {
    String actual = source(c, qualifiedName);
    String file = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1) + ".java";
    if (Boolean.getBoolean("nanguard.updateGolden")) {
      try {
        Files.createDirectories(GOLDEN_DIR);
        Files.writeString(GOLDEN_DIR.resolve(file), actual);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertThat(c).generatedSourceFile(qualifiedName).contentsAsUtf8String().isEqualTo(golden(file));
  }

  private static String golden(String file) {
    Path path = GOLDEN_DIR.resolve(file);
    if (!Files.exists(path)) {
      throw new AssertionError("missing golden file " + path + "; run with -Dnanguard.updateGolden=true");
    }
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A class loader holding every class the compilation produced. */
  public static ClassLoader load(Compilation c) {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject f : c.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = f.toUri().getPath();
      String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(), path.length() - ".class".length());
      try (InputStream in = f.openInputStream()) {
        classes.put(name.replace('/', '.'), in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertThat(classes).isNotEmpty();
    return new ClassLoader(Generated.class.getClassLoader()) {
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

  /** A new instance of a compiled class through its no-argument constructor. */
  @SuppressWarnings("unchecked")
  static <T> T newInstance(ClassLoader loader, String name) {
    try {
      return (T) loader.loadClass(name).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot instantiate " + name, e);
    }
  }
}
