package io.nanguard.processor.analysis;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import io.nanguard.ops.Range;
import io.nanguard.ops.api.ApiMethod;
import io.nanguard.ops.api.Role;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The max-subtraction idiom of softmax and log-sum-exp: {@code exp(x[i] - max)} after a loop that
 * computed {@code max} over {@code x}, and {@code x.sub(x.max(dim))} on tensors, whose difference
 * is at most 0, so its exp is at most 1 and cannot overflow.
 *
 * <p>On doubles the idiom is recognised from the method's text: every assignment to {@code max}
 * is an element of the same array {@code x} (the first, or one inside an
 * {@code if (x[j] > max)}), {@code Math.max(max, x[j])}, or minus infinity (where an element may
 * also be read through a local, {@code double v = x[j];}); at least one is such
 * an update; {@code x} itself is never reassigned; and the subtraction comes after every
 * assignment, outside the loops that make them. That the maximum loop visits every index later
 * subtracted is assumed, as every implementation of the idiom does: it is the one fact here that
 * is read from the shape of the code rather than proven.
 */
final class MaxSubtraction {

  /** What every value of x - max is known to be. */
  static final Range AT_MOST_ZERO = new Range(Double.NEGATIVE_INFINITY, true, 0, false);

  private final MethodTree method;
  private Map<String, List<Tree>> assignments;
  private Map<Tree, Integer> order;
  private Map<Tree, List<Tree>> loops;
  private Map<Tree, List<IfTree>> guards;

  MaxSubtraction(MethodTree method) {
    this.method = method;
  }

  /**
   * Whether the tensor op {@code operands[0] - operands[1]} subtracts the maximum of operand 0
   * along a dim, broadcast back onto the elements it was taken over: {@code x.sub(x.max(0))}, or
   * {@code x.sub(x.max(d).unsqueeze(d))} (without the unsqueeze, the maximum of a later dim would
   * be broadcast along the wrong one).
   */
  static boolean subtractsOwnMax(List<Value> operands) {
    Value m = operands.get(1);
    Double restoredDim = null;
    if (m.is(Role.IDENTITY) && m.operands().size() == 2) {
      restoredDim = m.operand(1).fact().constant();
      m = m.operand(0);
    }
    if (!m.is(Role.MAX) || m.operands().size() != 2 || !Equivalence.same(m.operand(0), operands.get(0))) {
      return false;
    }
    Double dim = m.operand(1).fact().constant();
    return dim != null && (restoredDim == null ? dim == 0 : restoredDim.equals(dim));
  }

  /** Whether {@code difference} (a binary minus) is {@code x[i] - max} for a running maximum of x. */
  boolean subtractsRunningMax(BinaryTree difference) {
    ExpressionTree left = strip(difference.getLeftOperand());
    ExpressionTree right = strip(difference.getRightOperand());
    if (method == null || !(left instanceof ArrayAccessTree element) || !(right instanceof IdentifierTree max)
        || !(element.getExpression() instanceof IdentifierTree array)) {
      return false;
    }
    index();
    String x = array.getName().toString();
    List<Tree> writes = assignments.getOrDefault(max.getName().toString(), List.of());
    List<Tree> arrayWrites = assignments.getOrDefault(x, List.of());
    boolean arrayFixed = arrayWrites.isEmpty()
        || arrayWrites.size() == 1 && arrayWrites.get(0) instanceof VariableTree v && v.getInitializer() != null;
    if (writes.isEmpty() || !arrayFixed) {
      return false;
    }
    boolean updated = false;
    for (Tree w : writes) {
      ExpressionTree value = valueOf(w);
      Integer at = order.get(w);
      if (value == null || at == null || at > order.get(difference)
          || loops.get(w).stream().anyMatch(loop -> RangeAnalyzer.contains(loop, difference))) {
        return false;
      }
      if (isMaxOf(value, x, max.getName().toString())) {
        updated = true;
      } else if (isElementOf(value, x)) {
        updated |= guardedByComparison(w, x);
      } else if (!isMinusInfinity(value)) {
        return false;
      }
    }
    return updated;
  }

  /** One walk of the body: assignments by name, preorder positions, enclosing loops and ifs. */
  private void index() {
    if (assignments != null) {
      return;
    }
    assignments = new HashMap<>();
    order = new IdentityHashMap<>();
    loops = new IdentityHashMap<>();
    guards = new IdentityHashMap<>();
    Deque<Tree> loopStack = new ArrayDeque<>();
    Deque<IfTree> ifStack = new ArrayDeque<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree t, Void p) {
        if (t == null) {
          return null;
        }
        order.put(t, order.size());
        boolean loop = t instanceof ForLoopTree || t instanceof EnhancedForLoopTree || t instanceof WhileLoopTree
            || t instanceof DoWhileLoopTree;
        if (loop) {
          loopStack.push(t);
        }
        if (t instanceof IfTree i) {
          ifStack.push(i);
        }
        try {
          record(t);
          return super.scan(t, p);
        } finally {
          if (loop) {
            loopStack.pop();
          }
          if (t instanceof IfTree) {
            ifStack.pop();
          }
        }
      }

      private void record(Tree t) {
        String name = t instanceof VariableTree v ? v.getName().toString()
            : t instanceof AssignmentTree a && a.getVariable() instanceof IdentifierTree id ? id.getName().toString()
            : t instanceof CompoundAssignmentTree c && c.getVariable() instanceof IdentifierTree id ? id.getName().toString()
            : t instanceof UnaryTree u && u.getExpression() instanceof IdentifierTree id
                && u.getKind() != Tree.Kind.UNARY_MINUS && u.getKind() != Tree.Kind.UNARY_PLUS
                && u.getKind() != Tree.Kind.LOGICAL_COMPLEMENT && u.getKind() != Tree.Kind.BITWISE_COMPLEMENT
                ? id.getName().toString() : null;
        if (name != null) {
          assignments.computeIfAbsent(name, k -> new ArrayList<>()).add(t);
          loops.put(t, new ArrayList<>(loopStack));
          guards.put(t, new ArrayList<>(ifStack));
        }
      }
    }.scan(method.getBody(), null);
    method.getParameters().forEach(p -> assignments.remove(p.getName().toString())); // a parameter is not an assignment
  }

  /** The assigned value, or null for a compound assignment, an increment or a declaration without one. */
  private static ExpressionTree valueOf(Tree write) {
    if (write instanceof VariableTree v) {
      return v.getInitializer();
    }
    return write instanceof AssignmentTree a ? a.getExpression() : null;
  }

  /** {@code m = x[j]} inside {@code if (x[k] > m)} (or {@code m < x[k]}, with or without =). */
  private boolean guardedByComparison(Tree write, String x) {
    for (IfTree i : guards.get(write)) {
      if (strip(i.getCondition()) instanceof BinaryTree b) {
        boolean greater = b.getKind() == Tree.Kind.GREATER_THAN || b.getKind() == Tree.Kind.GREATER_THAN_EQUAL;
        boolean less = b.getKind() == Tree.Kind.LESS_THAN || b.getKind() == Tree.Kind.LESS_THAN_EQUAL;
        ExpressionTree big = greater ? b.getLeftOperand() : less ? b.getRightOperand() : null;
        if (big != null && isElementOf(strip(big), x) && RangeAnalyzer.contains(i.getThenStatement(), write)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean isMaxOf(ExpressionTree value, String x, String max) {
    if (!(strip(value) instanceof MethodInvocationTree call) || call.getArguments().size() != 2
        || !(call.getMethodSelect() instanceof MemberSelectTree ms)
        || Apis.installed().forStaticType(ms.getExpression().toString()) != Apis.scalars()) {
      return false;
    }
    ApiMethod m = Apis.scalars().staticMethod(ms.getIdentifier().toString(), 2);
    if (m == null || m.role() != Role.MAXIMUM) {
      return false; // Math.max, by its row in the Math table
    }
    ExpressionTree a = strip(call.getArguments().get(0));
    ExpressionTree b = strip(call.getArguments().get(1));
    return isName(a, max) && isElementOf(b, x) || isName(b, max) && isElementOf(a, x);
  }

  /** {@code x[j]}, or a local declared as {@code double v = x[j];} and never assigned again. */
  private boolean isElementOf(ExpressionTree t, String x) {
    if (t instanceof IdentifierTree id) {
      List<Tree> writes = assignments.getOrDefault(id.getName().toString(), List.of());
      return writes.size() == 1 && writes.get(0) instanceof VariableTree v && v.getInitializer() != null
          && strip(v.getInitializer()) instanceof ArrayAccessTree a && isName(strip(a.getExpression()), x);
    }
    return t instanceof ArrayAccessTree a && isName(strip(a.getExpression()), x);
  }

  private static boolean isName(ExpressionTree t, String name) {
    return t instanceof IdentifierTree id && id.getName().contentEquals(name);
  }

  private static boolean isMinusInfinity(ExpressionTree t) {
    String s = strip(t).toString().replace(" ", "");
    return s.equals("Double.NEGATIVE_INFINITY") || s.equals("-Double.MAX_VALUE");
  }

  private static ExpressionTree strip(ExpressionTree t) {
    while (t instanceof ParenthesizedTree p) {
      t = p.getExpression();
    }
    return t;
  }
}
