package io.nanguard.processor.analysis;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The names of one method whose value never changes once set: parameters never assigned, and
 * locals declared once with an initialiser and never assigned. Such a name (or a literal) can be
 * written again anywhere in its scope and mean the same value, which is what lets a composition
 * split over statements ({@code e = x.exp(); p = e.div(e.sum(1, true)); p.log()}) be rewritten
 * into its stable op ({@code logSoftmax(x, 1)}) at the outer op.
 */
final class StableNames {

  private final Set<String> assigned = new HashSet<>();
  private final Map<String, Integer> declarations = new HashMap<>();
  private final Map<String, Tree> scopes = new HashMap<>();
  private final Set<String> parameters = new HashSet<>();

  /** No stable names (for code outside a method: an initialiser). */
  static final StableNames NONE = new StableNames();

  private StableNames() {}

  /** The stable names of {@code method}. */
  static StableNames of(MethodTree method) {
    StableNames names = new StableNames();
    method.getParameters().forEach(p -> names.parameters.add(p.getName().toString()));
    if (method.getBody() != null) {
      names.new Scanner().scan(method.getBody(), null);
    }
    return names;
  }

  /** Whether {@code arg}'s text, written at {@code site}, denotes the value it had where it was read. */
  boolean movable(ExpressionTree arg, Tree site) {
    while (arg instanceof ParenthesizedTree p) {
      arg = p.getExpression();
    }
    if (arg instanceof LiteralTree) {
      return true;
    }
    if (!(arg instanceof IdentifierTree id)) {
      return false;
    }
    String name = id.getName().toString();
    if (assigned.contains(name) || declarations.getOrDefault(name, 0) > (parameters.contains(name) ? 0 : 1)) {
      return false;
    }
    return parameters.contains(name) || RangeAnalyzer.contains(scopes.get(name), site);
  }

  /** Whether {@code name} is a parameter the method never assigns (its value is the argument throughout). */
  boolean unassignedParameter(String name) {
    return parameters.contains(name) && !assigned.contains(name) && !declarations.containsKey(name);
  }

  /** Records declarations with their scopes, and every assignment. */
  private final class Scanner extends TreeScanner<Void, Void> {
    private final Deque<Tree> scopeStack = new ArrayDeque<>();

    @Override
    public Void scan(Tree tree, Void p) {
      boolean opens = tree instanceof BlockTree || tree instanceof ForLoopTree || tree instanceof EnhancedForLoopTree
          || tree instanceof CatchTree || tree instanceof LambdaExpressionTree;
      if (opens) {
        scopeStack.push(tree);
      }
      try {
        return super.scan(tree, p);
      } finally {
        if (opens) {
          scopeStack.pop();
        }
      }
    }

    @Override
    public Void visitVariable(VariableTree node, Void p) {
      String name = node.getName().toString();
      declarations.merge(name, 1, Integer::sum);
      scopes.put(name, scopeStack.peek());
      if (node.getInitializer() == null) {
        assigned.add(name); // assigned later, perhaps on several paths
      }
      return super.visitVariable(node, p);
    }

    @Override
    public Void visitAssignment(AssignmentTree node, Void p) {
      target(node.getVariable());
      return super.visitAssignment(node, p);
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree node, Void p) {
      target(node.getVariable());
      return super.visitCompoundAssignment(node, p);
    }

    @Override
    public Void visitUnary(UnaryTree node, Void p) {
      switch (node.getKind()) {
        case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> target(node.getExpression());
        default -> { }
      }
      return super.visitUnary(node, p);
    }

    private void target(ExpressionTree t) {
      if (t instanceof IdentifierTree id) {
        assigned.add(id.getName().toString());
      }
    }
  }
}
