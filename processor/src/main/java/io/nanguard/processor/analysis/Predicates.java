package io.nanguard.processor.analysis;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.util.TreePath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;

/**
 * Boolean predicate summaries: a method of the compilation whose body is one
 * {@code return condition;} over its parameters tells, where a caller branches on it, what that
 * condition tells on each branch, about the arguments. Commons Math's
 * {@code Precision.equals(x, y, eps)} is {@code equals(x, y, 1) || abs(y - x) <= eps}: on its
 * false branch {@code abs(y - x) > eps}, so with {@code eps >= 0} the difference is not 0, and
 * with {@code y} a literal 0, {@code x != 0} (for a NaN x no comparison holds, as everywhere in
 * the analysis: a NaN is already non-finite; {@code -0.0 - 0.0 == 0}, so {@code x = -0.0} is
 * excluded too). The condition is narrowed in the callee's own class (its names mean there what
 * they mean there), with the parameters holding the caller's argument ranges, so {@code eps}'s
 * sign is the caller's: the summary is taken per call, which costs the narrowing of one
 * expression. Only methods whose body is the one that runs are summarised, nested summaries to
 * {@link MethodSummaries#MAX_DEPTH}.
 */
final class Predicates {

  private final AnalysisContext context;
  private final Map<ExecutableElement, Optional<Predicate>> cache = new HashMap<>();
  private int depth;

  /** A summarised predicate: its analyzer (of its own class), declaration and returned condition. */
  private record Predicate(RangeAnalyzer analyzer, MethodTree tree, ExpressionTree condition) {}

  Predicates(AnalysisContext context) {
    this.context = context;
  }

  /**
   * What {@code m} returning {@code truth} for arguments of values {@code args} makes true of its
   * parameters, by their {@link Narrowing} keys in {@code m}; empty if nothing.
   */
  Map<String, Fact> when(ExecutableElement m, boolean truth, List<Value> args) {
    Predicate p = cache.computeIfAbsent(m, this::find).orElse(null);
    if (p == null || args.size() != m.getParameters().size() || depth >= MethodSummaries.MAX_DEPTH) {
      return Map.of();
    }
    depth++;
    try {
      return p.analyzer().whenReturns(m, p.tree(), p.condition(), truth, args);
    } finally {
      depth--;
    }
  }

  private Optional<Predicate> find(ExecutableElement m) {
    if (m.getReturnType().getKind() != TypeKind.BOOLEAN || m.isVarArgs() || !MethodSummaries.runsItsOwnBody(m)) {
      return Optional.empty();
    }
    TreePath path = context.paths().of(m);
    if (path == null || !(path.getLeaf() instanceof MethodTree tree) || tree.getBody() == null) {
      return Optional.empty();
    }
    List<? extends StatementTree> body = tree.getBody().getStatements();
    if (body.size() != 1 || !(body.get(0) instanceof ReturnTree r) || r.getExpression() == null) {
      return Optional.empty();
    }
    return Optional.of(new Predicate(
        new RangeAnalyzer(context, (TypeElement) m.getEnclosingElement(), path.getCompilationUnit()), tree,
        r.getExpression()));
  }
}
