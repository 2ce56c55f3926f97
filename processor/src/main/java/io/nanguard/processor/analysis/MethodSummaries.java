package io.nanguard.processor.analysis;

import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ThrowTree;
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
 *
 * <p>The same analysis gives the method's precondition summary: what is known of its parameters
 * whenever it returns normally ({@link MethodAnalysis#established()}), so that after
 * {@code checkPositive(x);}, whose body is {@code if (x <= 0) throw ...}, the caller knows
 * {@code x > 0}. It is taken with every parameter unknown: a method with a range annotation on a
 * parameter (an assumption, not a check) establishes nothing.
 */
final class MethodSummaries {

  /** How many summaries may be under computation at once (a callee's callee's callee...). */
  static final int MAX_DEPTH = 3;

  private final AnalysisContext context;
  private final Map<ExecutableElement, Optional<Summary>> cache = new HashMap<>();
  private final Map<ExecutableElement, Boolean> mayFail = new HashMap<>();
  private final Set<ExecutableElement> inProgress = new HashSet<>();

  /** The return range (null if unbounded) and the facts established on the parameters. */
  private record Summary(Fact returns, Map<String, Fact> established) {}

  MethodSummaries(AnalysisContext context) {
    this.context = context;
  }

  /** The range of every value {@code m} returns, or null if the analysis cannot bound it. */
  Fact returnOf(ExecutableElement m) {
    Summary s = summary(m);
    return s == null ? null : s.returns();
  }

  /**
   * What a normal return from {@code m} makes true of its arguments, by the {@link Narrowing} keys
   * of its parameters; empty if nothing. Only a body that can fail (a {@code throw}, or a call
   * whose result it drops: a check of its own) is analysed for it.
   */
  Map<String, Fact> establishedBy(ExecutableElement m) {
    if (!cache.containsKey(m) && !mayFail.computeIfAbsent(m, this::mayFail)) {
      return Map.of();
    }
    Summary s = summary(m);
    return s == null ? Map.of() : s.established();
  }

  private Summary summary(ExecutableElement m) {
    Optional<Summary> known = cache.get(m);
    if (known != null) {
      return known.orElse(null);
    }
    if (!runsItsOwnBody(m) || inProgress.size() >= MAX_DEPTH || !inProgress.add(m)) {
      return null; // not cached: at a shallower depth the summary may be computable
    }
    try {
      Summary s = compute(m);
      cache.put(m, Optional.ofNullable(s));
      return s;
    } finally {
      inProgress.remove(m);
    }
  }

  private Summary compute(ExecutableElement m) {
    TreePath path = context.paths().of(m);
    if (path == null || !(path.getLeaf() instanceof MethodTree tree) || tree.getBody() == null) {
      return null;
    }
    MethodAnalysis a = new RangeAnalyzer(context, (TypeElement) m.getEnclosingElement(), path.getCompilationUnit())
        .analyze(m, tree, AnalysisMode.FACTS);
    boolean assumes = m.getParameters().stream().anyMatch(p -> !RangeAnnotations.of(p).equals(Fact.TOP));
    return new Summary(a.returns().stream().map(Value::fact).reduce(Fact::join).orElse(null),
        assumes ? Map.of() : a.established());
  }

  /**
   * Whether {@code m} runs its own body and that body throws, or calls a method for its effect
   * alone (perhaps a check). Kept per method: a call site asks it of every callee it resolves.
   */
  private boolean mayFail(ExecutableElement m) {
    TreePath path = runsItsOwnBody(m) ? context.paths().of(m) : null;
    return path != null && path.getLeaf() instanceof MethodTree tree && tree.getBody() != null && TreeSearch.any(
        tree.getBody(), t -> t instanceof ThrowTree
        || (t instanceof ExpressionStatementTree s && s.getExpression() instanceof MethodInvocationTree));
  }

  /**
   * Whether {@code m} can have a summary, a precondition or a predicate: it runs its own body, and
   * that body is in the compilation.
   */
  boolean mayTell(ExecutableElement m) {
    return runsItsOwnBody(m) && context.paths().of(m) != null;
  }

  /** Whether a call of {@code m} runs {@code m}'s own body (no subclass can replace it). */
  static boolean runsItsOwnBody(ExecutableElement m) {
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
