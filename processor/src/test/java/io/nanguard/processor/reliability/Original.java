package io.nanguard.processor.reliability;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import io.nanguard.processor.codegen.Generated;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;

/**
 * One reliability case: sources compiled through the real processor (generated code included,
 * so a generated file that does not compile fails the compilation), then a method of the
 * original class and the same method of its generated {@code Guarded} class run on ordinary
 * inputs; their results must be equal, bit for bit.
 */
final class Original {

  private final Compilation compilation;
  private final ClassLoader loader;

  Original(Compilation compilation) {
    this.compilation = compilation;
    assertThat(compilation).succeeded();
    this.loader = Generated.load(compilation);
  }

  /** Compiles {@code qualifiedNameThenSource} pairs with {@code options}. */
  static Original compile(List<String> options, String... qualifiedNameThenSource) {
    return new Original(Generated.compile(options, qualifiedNameThenSource));
  }

  static Original compile(String... qualifiedNameThenSource) {
    return compile(List.of(), qualifiedNameThenSource);
  }

  /** NaNGuard's notes, one string each. */
  List<String> notes() {
    return compilation.notes().stream().map(d -> d.getMessage(Locale.ROOT))
        .filter(m -> m.startsWith("[nanguard]")).collect(Collectors.toList());
  }

  /** NaNGuard's warnings. */
  List<Diagnostic<?>> warnings() {
    return compilation.warnings().stream().filter(d -> d.getMessage(Locale.ROOT).startsWith("[nanguard"))
        .collect(Collectors.toList());
  }

  /** The generated source of {@code qualifiedName}. */
  String generated(String qualifiedName) {
    return sourceOf(compilation, qualifiedName);
  }

  /** The source {@code c} generated for {@code qualifiedName}. */
  static String sourceOf(Compilation c, String qualifiedName) {
    try {
      return c.generatedSourceFile(qualifiedName).orElseThrow(
          () -> new AssertionError("no generated " + qualifiedName)).getCharContent(true).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code method} of {@code original} and of {@code guarded} on {@code args} and asserts
   * that both give the same result; returns it.
   */
  Object sameResult(String original, String guarded, String method, Object... args) {
    Object expected = run(original, method, args);
    Object actual = run(guarded, method, args);
    assertThat(actual).isEqualTo(expected);
    return actual;
  }

  Object run(String className, String method, Object... args) {
    try {
      Class<?> c = loader.loadClass(className);
      Method m = find(c, method, args.length);
      m.setAccessible(true);
      Object receiver = Modifier.isStatic(m.getModifiers()) ? null : newInstance(c);
      return m.invoke(receiver, args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot run " + className + "." + method, e);
    }
  }

  private static Object newInstance(Class<?> c) throws ReflectiveOperationException {
    var ctor = c.getDeclaredConstructor();
    ctor.setAccessible(true);
    return ctor.newInstance();
  }

  private static Method find(Class<?> c, String name, int arity) {
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      for (Method m : k.getDeclaredMethods()) {
        if (m.getName().equals(name) && m.getParameterCount() == arity) {
          return m;
        }
      }
    }
    throw new AssertionError(c.getName() + " has no method " + name + "/" + arity);
  }
}
