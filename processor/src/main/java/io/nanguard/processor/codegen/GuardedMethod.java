package io.nanguard.processor.codegen;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import io.nanguard.processor.analysis.Finding;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * Everything the code generator needs to override one guarded method: the method, its source
 * tree, the epsilon in force for it (annotation, then {@code -Ananguard.eps}, then 1e-8), and the
 * findings whose fixes the rewritten body applies (suppressed findings included: suppression
 * silences the warning, not the guard).
 */
public record GuardedMethod(
    ExecutableElement element,
    MethodTree tree,
    CompilationUnitTree unit,
    double eps,
    List<Finding> findings) {}
