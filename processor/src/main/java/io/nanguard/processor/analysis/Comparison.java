package io.nanguard.processor.analysis;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import io.nanguard.ops.Range;
import java.util.function.Function;

/**
 * Narrows a variable by a comparison with a constant that is known to hold or not to hold, so
 * that {@code if (n > 0) return s / n;} and {@code n == 0 ? 0 : s / n} are proven safe.
 */
final class Comparison {

  private Comparison() {}

  static void narrow(Env env, BinaryTree b, boolean truth, Function<ExpressionTree, Double> constantOf) {
    Tree.Kind op = b.getKind();
    ExpressionTree variable = b.getLeftOperand();
    Double c = constantOf.apply(b.getRightOperand());
    if (!(variable instanceof IdentifierTree) || c == null) {
      variable = b.getRightOperand();
      c = constantOf.apply(b.getLeftOperand());
      op = mirrored(op);
    }
    if (!(variable instanceof IdentifierTree id) || c == null || op == null || !env.has(id.getName().toString())) {
      return;
    }
    if (!truth) {
      op = negated(op);
    }
    String name = id.getName().toString();
    Value v = env.get(name);
    Fact f = v.fact();
    Fact narrowed = switch (op) {
      case GREATER_THAN -> f.meet(new Range(c, true, Double.POSITIVE_INFINITY, true));
      case GREATER_THAN_EQUAL -> f.meet(new Range(c, false, Double.POSITIVE_INFINITY, true));
      case LESS_THAN -> f.meet(new Range(Double.NEGATIVE_INFINITY, true, c, true));
      case LESS_THAN_EQUAL -> f.meet(new Range(Double.NEGATIVE_INFINITY, true, c, false));
      case EQUAL_TO -> f.meet(Range.point(c));
      case NOT_EQUAL_TO -> c == 0 ? new Fact(f.range(), true) : f;
      default -> f;
    };
    env.put(name, v.withFact(narrowed));
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
