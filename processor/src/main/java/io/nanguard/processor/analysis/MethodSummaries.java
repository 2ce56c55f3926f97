package io.nanguard.processor.analysis;

import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Return-range summaries of the methods of the compilation: the join of the ranges of a method's
 * return statements, found by analysing its body once with its parameters unknown (or as their
 * range annotations say), so that {@code squaredDistance(x, y)} is known to be {@code >= 0} where
 * it is called. Only methods whose body is the one that runs have a summary: static, private or
 * final methods, and methods of final classes; an overridable method could be replaced by a
 * subclass the compilation does not show. Summaries nest to a bounded depth, and a recursive call
 * gets none, so each is computed in bounded time, once per round.
 */
final class MethodSummaries {

  /** How many summaries may be under computation at once (a callee's callee's callee...). */
  static final int MAX_DEPTH = 3;

  private final AnalysisContext context;
  private final Map<ExecutableElement, Optional<Fact>> cache = new HashMap<>();
  private final Set<ExecutableElement> inProgress = new HashSet<>();

  MethodSummaries(AnalysisContext context) {
    this.context = context;
  }

  /** The range of every value {@code m} returns, or null if the analysis cannot bound it. */
  Fact returnOf(ExecutableElement m) {
    Optional<Fact> known = cache.get(m);
    if (known != null) {
      return known.orElse(null);
    }
    if (!runsItsOwnBody(m) || inProgress.size() >= MAX_DEPTH || !inProgress.add(m)) {
      return null; // not cached: at a shallower depth the summary may be computable
    }
    try {
      Fact f = compute(m);
      cache.put(m, Optional.ofNullable(f));
      return f;
    } finally {
      inProgress.remove(m);
    }
  }

  private Fact compute(ExecutableElement m) {
    TreePath path = context.trees().getPath(m);
    if (path == null || !(path.getLeaf() instanceof MethodTree tree) || tree.getBody() == null) {
      return null;
    }
    MethodAnalysis a = new RangeAnalyzer(context, (TypeElement) m.getEnclosingElement(), path.getCompilationUnit())
        .analyze(m, tree, AnalysisMode.FACTS);
    return a.returns().stream().map(Value::fact).reduce(Fact::join).orElse(null);
  }

  private static boolean runsItsOwnBody(ExecutableElement m) {
    if (m.getKind() != ElementKind.METHOD) {
      return false;
    }
    Set<Modifier> mods = m.getModifiers();
    if (mods.contains(Modifier.STATIC) || mods.contains(Modifier.PRIVATE) || mods.contains(Modifier.FINAL)) {
      return true;
    }
    return m.getEnclosingElement() instanceof TypeElement t
        && (t.getModifiers().contains(Modifier.FINAL) || t.getKind() == ElementKind.RECORD);
  }
}
