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
    if (op == null) {
      return;
    }
    if (c == null) {
      relate(env, b, truth ? b.getKind() : negated(b.getKind()), targetOf);
      return;
    }
    // (v + k) OP c is v OP (c - k) for whole numbers, whose sums are exact.
    while (variable instanceof ParenthesizedTree p) {
      variable = p.getExpression();
    }
    if (variable instanceof BinaryTree sum && (sum.getKind() == Tree.Kind.PLUS || sum.getKind() == Tree.Kind.MINUS)) {
      Double k = constantOf.apply(sum.getRightOperand());
      if (k != null) {
        Target inner = targetOf.apply(sum.getLeftOperand());
        if (inner == null || inner.current().kind() != Kind.INTEGRAL || k != Math.rint(k)) {
          return;
        }
        c = sum.getKind() == Tree.Kind.PLUS ? c - k : c + k;
        variable = sum.getLeftOperand();
      } // else x - y is narrowed as a difference of two values, if it is one
    }
    Target target = targetOf.apply(variable);
    if (target == null) {
      return;
    }
    if (!truth) {
      op = negated(op);
    }
    put(env, target, narrowed(target.current().fact(), op, c));
  }

  /**
   * Narrows by {@code x OP y} of two narrowable expressions, known to hold: each side by the
   * other's bounds ({@code i < n} with {@code i >= 0} makes {@code n > 0}), and their difference
   * by its sign ({@code lo < hi} makes {@code hi - lo > 0}; {@code a != b} makes it non-zero).
   * For finite doubles, x - y is 0 only if x == y (subnormals make the difference exact near 0),
   * and its sign is that of the comparison; ints are taken not to overflow, as everywhere here.
   */
  private static void relate(Env env, BinaryTree b, Tree.Kind op, Function<ExpressionTree, Target> targetOf) {
    Target x = targetOf.apply(b.getLeftOperand());
    Target y = targetOf.apply(b.getRightOperand());
    if (x == null || y == null || op == null) {
      return;
    }
    if (op == Tree.Kind.GREATER_THAN || op == Tree.Kind.GREATER_THAN_EQUAL) {
      Target t = x;
      x = y;
      y = t; // y > x is x < y
      op = mirrored(op);
    }
    Range xr = x.current().fact().range();
    Range yr = y.current().fact().range();
    Range below; // what x - y is known to be in
    switch (op) {
      case LESS_THAN, LESS_THAN_EQUAL -> {
        boolean strict = op == Tree.Kind.LESS_THAN;
        put(env, x, x.current().fact().meet(new Range(Double.NEGATIVE_INFINITY, true, yr.hi(), strict || yr.hiOpen())));
        put(env, y, y.current().fact().meet(new Range(xr.lo(), strict || xr.loOpen(), Double.POSITIVE_INFINITY, true)));
        below = new Range(Double.NEGATIVE_INFINITY, true, 0, strict);
      }
      case EQUAL_TO -> {
        put(env, x, x.current().fact().meet(yr));
        put(env, y, y.current().fact().meet(xr));
        below = Range.point(0);
      }
      case NOT_EQUAL_TO -> below = null;
      default -> {
        return;
      }
    }
    Kind kind = x.current().kind().join(y.current().kind());
    if (kind != Kind.FLOAT && kind != Kind.INTEGRAL) {
      return;
    }
    Fact xMinusY = below == null ? new Fact(Range.TOP, true) : Fact.of(below);
    Fact yMinusX = below == null ? xMinusY : Fact.of(below.neg());
    putDifference(env, Narrowing.difference(x.key(), y.key()), x.current(), kind, xMinusY);
    putDifference(env, Narrowing.difference(y.key(), x.key()), x.current(), kind, yMinusX);
  }

  private static void putDifference(Env env, String key, Value like, Kind kind, Fact f) {
    if (key != null) {
      Value old = env.get(key);
      Fact known = old == null ? f : new Fact(old.fact().range().meet(f.range()), old.fact().nonZero() || f.nonZero());
      env.put(key, Value.number(known, kind, null, like.tree()));
    }
  }

  /** Stores what is now known of a target; for {@code abs(x)}, also what follows for x. */
  private static void put(Env env, Target target, Fact narrowed) {
    store(env, target.key(), target.current().withFact(narrowed));
    Target x = target.absoluteOf();
    if (x != null && narrowed.range().hi() >= 0) {
      // |x| != 0 means x != 0, and |x| <= h means -h <= x <= h.
      Range r = narrowed.range();
      Fact f = x.current().fact().meet(new Range(-r.hi(), r.hiOpen(), r.hi(), r.hiOpen()));
      store(env, x.key(), x.current().withFact(narrowed.nonZero() ? new Fact(f.range(), true) : f));
    }
  }

  /**
   * Stores what is known under {@code key}; for a difference {@code a - b}, also what follows
   * for {@code b - a} (its negation: exact in floating point), which may be written either way.
   */
  static void store(Env env, String key, Value v) {
    env.put(key, v);
    String[] sides = Narrowing.sides(key);
    if (sides != null) {
      Fact f = v.fact();
      putDifference(env, Narrowing.difference(sides[1], sides[0]), v, v.kind(), new Fact(f.range().neg(), f.nonZero()));
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
