package io.nanguard.processor.analysis;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import io.nanguard.ops.Range;
import java.util.function.Function;

/**
 * Narrows what is known of an expression by a comparison with a constant that is known to hold or
 * not to hold, so that {@code if (n > 0) return s / n;}, {@code n == 0 ? 0 : s / n},
 * {@code if (x.length < 2) throw ...; ... / (x.length - 1)} and
 * {@code if (Math.abs(d) < EPS) throw ...; ... / d} are proven safe. The narrowed expression is a
 * local or one of the {@link Narrowing} keys, possibly plus or minus a constant when it is a whole
 * number (where that is exact).
 */
final class Comparison {

  /**
   * A narrowable expression: its {@link Narrowing} key, its value before the comparison, and for
   * {@code abs(x)} the target x, which learns its own facts from those of the absolute value.
   */
  record Target(String key, Value current, Target absoluteOf) {}

  private Comparison() {}

  static void narrow(Env env, BinaryTree b, boolean truth, Function<ExpressionTree, Double> constantOf,
      Function<ExpressionTree, Target> targetOf) {
    Tree.Kind op = b.getKind();
    ExpressionTree variable = b.getLeftOperand();
    Double c = constantOf.apply(b.getRightOperand());
    if (c == null) {
      variable = b.getRightOperand();
      c = constantOf.apply(b.getLeftOperand());
      op = mirrored(op);
    }
    if (c == null || op == null) {
      return;
    }
    // (v + k) OP c is v OP (c - k) for whole numbers, whose sums are exact.
    while (variable instanceof ParenthesizedTree p) {
      variable = p.getExpression();
    }
    if (variable instanceof BinaryTree sum && (sum.getKind() == Tree.Kind.PLUS || sum.getKind() == Tree.Kind.MINUS)) {
      Double k = constantOf.apply(sum.getRightOperand());
      Target inner = targetOf.apply(sum.getLeftOperand());
      if (k == null || inner == null || inner.current().kind() != Kind.INTEGRAL || k != Math.rint(k)) {
        return;
      }
      c = sum.getKind() == Tree.Kind.PLUS ? c - k : c + k;
      variable = sum.getLeftOperand();
    }
    Target target = targetOf.apply(variable);
    if (target == null) {
      return;
    }
    if (!truth) {
      op = negated(op);
    }
    Fact narrowed = narrowed(target.current().fact(), op, c);
    env.put(target.key(), target.current().withFact(narrowed));
    Target x = target.absoluteOf();
    if (x != null && narrowed.range().hi() >= 0) {
      // |x| != 0 means x != 0, and |x| <= h means -h <= x <= h.
      Range r = narrowed.range();
      Fact f = x.current().fact().meet(new Range(-r.hi(), r.hiOpen(), r.hi(), r.hiOpen()));
      env.put(x.key(), x.current().withFact(narrowed.nonZero() ? new Fact(f.range(), true) : f));
    }
  }

  private static Fact narrowed(Fact f, Tree.Kind op, double c) {
    return switch (op) {
      case GREATER_THAN -> f.meet(new Range(c, true, Double.POSITIVE_INFINITY, true));
      case GREATER_THAN_EQUAL -> f.meet(new Range(c, false, Double.POSITIVE_INFINITY, true));
      case LESS_THAN -> f.meet(new Range(Double.NEGATIVE_INFINITY, true, c, true));
      case LESS_THAN_EQUAL -> f.meet(new Range(Double.NEGATIVE_INFINITY, true, c, false));
      case EQUAL_TO -> f.meet(Range.point(c));
      case NOT_EQUAL_TO -> c == 0 ? new Fact(f.range(), true) : f;
      default -> f;
    };
  }

  /** c OP x is x MIRROR(OP) c. */
  private static Tree.Kind mirrored(Tree.Kind op) {
    return switch (op) {
      case GREATER_THAN -> Tree.Kind.LESS_THAN;
      case GREATER_THAN_EQUAL -> Tree.Kind.LESS_THAN_EQUAL;
      case LESS_THAN -> Tree.Kind.GREATER_THAN;
      case LESS_THAN_EQUAL -> Tree.Kind.GREATER_THAN_EQUAL;
      case EQUAL_TO, NOT_EQUAL_TO -> op;
      default -> null;
    };
  }

  /** not (x OP c) is x NEGATED(OP) c, for numbers that are not NaN. */
  private static Tree.Kind negated(Tree.Kind op) {
    return switch (op) {
      case GREATER_THAN -> Tree.Kind.LESS_THAN_EQUAL;
      case GREATER_THAN_EQUAL -> Tree.Kind.LESS_THAN;
      case LESS_THAN -> Tree.Kind.GREATER_THAN_EQUAL;
      case LESS_THAN_EQUAL -> Tree.Kind.GREATER_THAN;
      case EQUAL_TO -> Tree.Kind.NOT_EQUAL_TO;
      case NOT_EQUAL_TO -> Tree.Kind.EQUAL_TO;
      default -> op;
    };
  }
}
