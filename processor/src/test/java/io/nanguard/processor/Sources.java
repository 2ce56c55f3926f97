package io.nanguard.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.nanguard.processor.codegen.GuardedMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Test sources with known line numbers, and compilation through the processor. */
final class Sources {

  /** The line of the first body line in {@link #loss}. */
  static final int FIRST_BODY_LINE = 8;

  private Sources() {}

  /**
   * {@code p.Loss} with one {@code @Guarded} method {@code f} whose parameters cover every range
   * annotation; body line i is on line {@code FIRST_BODY_LINE + i}.
   */
  static JavaFileObject loss(String... body) {
    List<String> lines = new ArrayList<>(List.of(
        "package p;",
        "import io.nanguard.*;",
        "import io.nanguard.tensor.Tensor;",
        "public class Loss {",
        "  @Guarded",
        "  public Object f(Tensor x, @Positive Tensor pos, @NonNegative Tensor nn, @UnitInterval Tensor u,",
        "      double d, @Positive double pd) {"));
    lines.addAll(List.of(body));
    lines.add("  }");
    lines.add("}");
    return JavaFileObjects.forSourceLines("p.Loss", lines);
  }

  /** Compiles with a processor that records what it hands to the code generator. */
  static Result compile(List<String> options, JavaFileObject... files) {
    List<GuardedMethod> handedOff = new ArrayList<>();
    Compilation c = javac()
        .withOptions(options)
        .withProcessors(new NanGuardProcessor((type, methods, members) -> {
          handedOff.addAll(methods);
          return Set.of();
        }))
        .compile(files);
    return new Result(c, handedOff);
  }

  static Result compile(JavaFileObject... files) {
    return compile(List.of(), files);
  }

  /** A compilation and the guarded methods it produced. */
  record Result(Compilation compilation, List<GuardedMethod> handedOff) {

    /** NaNGuard's diagnostics of the given kind. */
    List<Diagnostic<? extends JavaFileObject>> nanguard(Diagnostic.Kind kind) {
      return compilation.diagnostics().stream()
          .filter(d -> d.getKind() == kind && d.getMessage(null).startsWith("[nanguard"))
          .collect(Collectors.toList());
    }

    List<Diagnostic<? extends JavaFileObject>> warnings() {
      return nanguard(Diagnostic.Kind.WARNING);
    }

    List<Diagnostic<? extends JavaFileObject>> errors() {
      return nanguard(Diagnostic.Kind.ERROR);
    }

    /** "line: message" of every NaNGuard warning, for readable failures. */
    List<String> describe() {
      return warnings().stream().map(d -> d.getLineNumber() + ": " + d.getMessage(null)).collect(Collectors.toList());
    }
  }
}
