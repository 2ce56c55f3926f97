package io.nanguard.processor.codegen;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import io.nanguard.processor.analysis.Finding;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * Everything the code generator needs to override one guarded method: the method, the path to
 * its source tree (the rewriter finds the trees it edits below it, not by searching the file), the epsilon in force for it (annotation, then {@code -Ananguard.eps}, then 1e-8), and the
 * findings whose fixes the rewritten body applies (suppressed findings included: suppression
 * silences the warning, not the guard).
 */
public record GuardedMethod(
    ExecutableElement element,
    TreePath path,
    double eps,
    List<Finding> findings) {

  /** The method's declaration. */
  public MethodTree tree() {
    return (MethodTree) path.getLeaf();
  }

  /** The compilation unit that declares it. */
  public CompilationUnitTree unit() {
    return path.getCompilationUnit();
  }
}
