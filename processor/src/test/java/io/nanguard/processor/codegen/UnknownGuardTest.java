package io.nanguard.processor.codegen;

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
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * A fix naming a guard that does not exist (an analysis bug, or a library's guard class that
 * lacks a method or is not on the class path) becomes a compile error on the method, never a
 * generated call that does not compile.
 */
class UnknownGuardTest {

  /** Hands the generator one finding per method call, asking for {@code <guardClass>.noSuchGuard}. */
  static final class BogusFixes extends GuardedMethodsProcessor {
    private final String guardClass;

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
          findings.add(new Finding(call, Hazard.SQRT, null, Range.TOP, "test",
              new Fix(call, guardClass, "noSuchGuard", null, List.copyOf(call.getArguments()), false)));
          return super.visitMethodInvocation(call, unused);
        }
      }.scan(tree.getBody(), null);
      new GuardedTypeGenerator(processingEnv).generate((TypeElement) m.getEnclosingElement(),
          List.of(new GuardedMethod(m, path, 1e-8, findings)));
    }
  }

  @Test
  void isAnErrorOnTheMethod() {
    Compilation c = compile("io.nanguard.guard.Guard");
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("GuardedOdd cannot override f: its guard class io.nanguard.guard.Guard has no"
        + " public static noSuchGuard method with 3 parameters").inFile(c.sourceFiles().get(0)).onLine(7);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aGuardClassOffTheClassPathIsAnErrorOnTheMethod() {
    Compilation c = compile("com.nowhere.Guards");
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("GuardedOdd cannot override f: its guard class com.nowhere.Guards is not on"
        + " the class path").inFile(c.sourceFiles().get(0)).onLine(7);
    assertThat(c).hadErrorCount(1);
  }

  private static Compilation compile(String guardClass) {
    return javac().withProcessors(new BogusFixes(guardClass)).compile(JavaFileObjects.forSourceString("com.x.Odd", """
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
