package io.nanguard.processor.codegen;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.nanguard.ops.Hazard;
import io.nanguard.ops.Range;
import io.nanguard.processor.analysis.Finding;
import io.nanguard.processor.analysis.Fix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * A fix naming a guard that does not exist never becomes a generated call that does not compile:
 * a guard class that lacks the method leaves the op as written, with a note; a guard class that
 * is not on the class path is a compile error on the method (the library's guard module is
 * missing from the build).
 */
class UnknownGuardTest {

  /** Hands the generator one finding per method call, asking for {@code <guardClass>.noSuchGuard}. */
  static final class BogusFixes extends GuardedMethodsProcessor {
    private final String guardClass;
    /** What the generator made of the last method: the file, or empty after reporting errors. */
    Optional<GuardedType> generated = Optional.empty();

    BogusFixes(String guardClass) {
      this.guardClass = guardClass;
    }

    @Override
    void visit(ExecutableElement m, TreePath path, Trees trees) {
      MethodTree tree = (MethodTree) path.getLeaf();
      List<Finding> findings = new ArrayList<>();
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          findings.add(new Finding(call, Hazard.SQRT, null, Range.TOP, () -> "test",
              () -> "test, left", new Fix(call, guardClass, "noSuchGuard", null, List.copyOf(call.getArguments()), false)));
          return super.visitMethodInvocation(call, unused);
        }
      }.scan(tree.getBody(), null);
      generated = new GuardedTypeGenerator(processingEnv).generate((TypeElement) m.getEnclosingElement(),
          List.of(new GuardedMethod(m, path, 1e-8, findings)));
    }
  }

  @Test
  void aMissingGuardMethodLeavesTheOpAsWrittenWithANote() {
    BogusFixes processor = new BogusFixes("io.nanguard.guard.Guard");
    Compilation c = compile(processor);
    assertThat(c).succeeded();
    assertThat(c).hadNoteContaining("GuardedOdd.f: line 8 is left as written, unguarded: 'Math.sqrt(x)' needs"
        + " io.nanguard.guard.Guard.noSuchGuard(double, double, String)").inFile(c.sourceFiles().get(0)).onLine(7);
    assertThat(processor.generated.orElseThrow().file().toString()).contains("return Math.sqrt(x);");
    assertThat(processor.generated.orElseThrow().leftAsWritten()).hasSize(1);
  }

  @Test
  void aGuardClassOffTheClassPathIsAnErrorOnTheMethod() {
    Compilation c = compile(new BogusFixes("com.nowhere.Guards"));
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("GuardedOdd cannot override f: its guard class com.nowhere.Guards is not on"
        + " the class path").inFile(c.sourceFiles().get(0)).onLine(7);
    assertThat(c).hadErrorCount(1);
  }

  private static Compilation compile(BogusFixes processor) {
    return javac().withProcessors(processor).compile(JavaFileObjects.forSourceString("com.x.Odd", """
        package com.x;

        import io.nanguard.Guarded;

        public class Odd {
          @Guarded
          public double f(double x) {
            return Math.sqrt(x);
          }
        }
        """));
  }
}
