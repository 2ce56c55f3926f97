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
 * A fix naming a guard that does not exist (an analysis bug) becomes a compile error on the
 * method, never a generated call that does not compile.
 */
class UnknownGuardTest {

  /** Hands the generator one finding per method call, asking for {@code Guard.noSuchGuard}. */
  static final class BogusFixes extends GuardedMethodsProcessor {
    @Override
    void visit(ExecutableElement m, TreePath path, Trees trees) {
      MethodTree tree = (MethodTree) path.getLeaf();
      List<Finding> findings = new ArrayList<>();
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          findings.add(new Finding(call, Hazard.SQRT, null, Range.TOP, "test",
              new Fix(call, "noSuchGuard", List.copyOf(call.getArguments()))));
          return super.visitMethodInvocation(call, unused);
        }
      }.scan(tree.getBody(), null);
      new GuardedTypeGenerator(processingEnv).generate((TypeElement) m.getEnclosingElement(),
          List.of(new GuardedMethod(m, path, 1e-8, findings)));
    }
  }

  @Test
  void isAnErrorOnTheMethod() {
    Compilation c = javac().withProcessors(new BogusFixes()).compile(JavaFileObjects.forSourceString("com.x.Odd", """
        package com.x;

        import io.nanguard.Guarded;

        public class Odd {
          @Guarded
          public double f(double x) {
            return Math.sqrt(x);
          }
        }
        """));
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("GuardedOdd cannot override f: internal: the analysis asked for"
        + " Guard.noSuchGuard with 1 argument(s), which does not exist; please report this").inFile(c.sourceFiles().get(0))
        .onLine(7);
    assertThat(c).hadErrorCount(1);
  }
}
