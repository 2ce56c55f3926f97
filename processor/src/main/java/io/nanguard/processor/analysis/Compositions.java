package io.nanguard.processor.analysis;

import com.sun.source.tree.ExpressionTree;
import io.nanguard.ops.FloatFormat;
import io.nanguard.ops.OpCatalog;
import io.nanguard.ops.OpSpec;
import io.nanguard.ops.api.ApiMethod;
import io.nanguard.ops.api.Returns;
import io.nanguard.ops.api.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The unstable compositions NaNGuard knows, each exact in real numbers but broken in floating
 * point, as one table: the outer op that fails its range check, how to recognise the
 * composition from the operands' origins, and the stable {@code Guard} method that replaces it.
 * Patterns are written over {@link Role}s and catalogue rows, never over an API's method
 * names, so they hold for every library's table.
 */
public final class Compositions {

  /** A recognised composition: the {@code Guard} call's arguments and the inner values it absorbs. */
  public record Match(Composition composition, List<Value> args, List<Value> absorbed) {

    /** The argument expressions of the {@code Guard} call. */
    public List<ExpressionTree> argTrees() {
      List<ExpressionTree> trees = new ArrayList<>();
      args.forEach(a -> trees.add(a.tree()));
      return trees;
    }
  }

  /** Recognises one composition from the value of its outer op. */
  @FunctionalInterface
  interface Matcher {
    /** The match, or null. */
    Match match(Composition self, Value outer);
  }

  /**
   * One row of the table.
   *
   * @param shape the composition as shown in messages
   * @param problem what goes wrong in floating point, in the format analysed (exp overflows
   *     above 709.78 in float64 but above 88.72 in float32)
   * @param guardMethod the {@code Guard} method the generated code calls
   * @param safeForm the stable form, as shown in messages
   * @param result the stable op as the analysis sees it, applied to the Guard call's arguments
   *     (so that a later {@code log} of a recognised softmax is recognised in turn)
   */
  public record Composition(String shape, Function<FloatFormat, String> problem, String guardMethod,
      String safeForm, ApiMethod result, Matcher matcher) {}

  private static ApiMethod stable(String name, Role role, OpSpec op, int dimArg) {
    return new ApiMethod(name, dimArg < 0 ? 0 : 1, role, op, null, dimArg, Returns.TENSOR);
  }

  /** The table. Order matters only where two rows could match the same op (none do today). */
  public static final List<Composition> ALL = List.of(
      new Composition("log(softmax(x))", f -> "is -inf wherever softmax underflows to 0",
          "logSoftmax", "logSoftmax(x, dim)", stable("logSoftmax", Role.LOG_SOFTMAX, null, 1), (c, v) -> {
            Value s = logArgument(v);
            return s != null && s.is(Role.SOFTMAX)
                ? new Match(c, withDim(s, s.operand(0)), List.of(s)) : null;
          }),
      new Composition("log(sigmoid(x))",
          f -> "is -inf once sigmoid underflows to 0 (x below about " + limit(expUnderflow(f)) + ")",
          "logSigmoid", "logSigmoid(x)", stable("logSigmoid", Role.UNARY, OpCatalog.LOG_SIGMOID, -1), (c, v) -> {
            Value s = logArgument(v);
            return s != null && s.isOp(OpCatalog.SIGMOID)
                ? new Match(c, List.of(s.operand(0)), List.of(s)) : null;
          }),
      new Composition("log(sum(exp(x)))",
          f -> "overflows to inf for x above " + limit(f.expOverflow()) + " and is -inf when every exp underflows",
          "logSumExp", "logSumExp(x, dim)", stable("logSumExp", Role.LOG_SUM_EXP, null, 1), (c, v) -> {
            Value s = logArgument(v);
            if (s == null || !s.is(Role.SUM) || s.operands().size() > 3 || !s.operand(0).isOp(OpCatalog.EXP)) {
              return null;
            }
            Value e = s.operand(0);
            List<Value> args = withDim(s, e.operand(0));
            if (s.operands().size() == 3) {
              // sum(dim, keepDim): the stable form keeps the reduced dimension as the sum did
              args.add(s.operand(2));
            }
            return new Match(c, args, List.of(s, e));
          }),
      new Composition("log(1 + x)", f -> "loses the digits of a small x and is -inf or NaN at x <= -1",
          "log1p", "log1p(x)", stable("log1p", Role.UNARY, OpCatalog.LOG1P, -1), (c, v) -> {
            Value a = logArgument(v);
            if (a == null || !a.is(Role.ADD)) {
              return null;
            }
            Value x = isOne(a.operand(0)) ? a.operand(1) : isOne(a.operand(1)) ? a.operand(0) : null;
            return x == null ? null : new Match(c, List.of(x), List.of(a));
          }),
      new Composition("exp(x) / sum(exp(x))",
          f -> "overflows to inf / inf = NaN for x above " + limit(f.expOverflow()),
          "softmax", "softmax(x, dim)", stable("softmax", Role.SOFTMAX, null, 1), (c, v) -> {
            if (!v.is(Role.DIV) || !v.operand(0).isOp(OpCatalog.EXP) || !v.operand(1).is(Role.SUM)) {
              return null;
            }
            Value num = v.operand(0);
            Value sum = v.operand(1);
            Value den = sum.operand(0);
            if (!den.isOp(OpCatalog.EXP) || !Equivalence.same(num.operand(0), den.operand(0))) {
              return null;
            }
            return new Match(c, withDim(sum, num.operand(0)), List.of(num, sum, den));
          }),
      new Composition("sqrt(mean(x^2) - mean(x)^2)",
          f -> "cancels catastrophically: the difference can round to 0 (infinite gradient) or below (NaN)",
          "sqrt", "sqrt(max(d, 0) + eps)", stable("sqrt", Role.UNARY, OpCatalog.SQRT, -1), (c, v) -> {
            if (!v.isOp(OpCatalog.SQRT) || !v.operand(0).is(Role.SUB)) {
              return null;
            }
            Value d = v.operand(0);
            Value meanOfSquares = d.operand(0);
            Value squareOfMean = squared(d.operand(1));
            if (!meanOfSquares.is(Role.MEAN) || squareOfMean == null || !squareOfMean.is(Role.MEAN)) {
              return null;
            }
            Value x = squared(meanOfSquares.operand(0));
            return x != null && Equivalence.same(x, squareOfMean.operand(0))
                ? new Match(c, List.of(d), List.of()) : null;
          }));

  private Compositions() {}

  /** exp(x) underflows to 0 below this: ln of the format's smallest subnormal. */
  private static double expUnderflow(FloatFormat f) {
    return Math.log(f.minNormal() * f.epsilon());
  }

  /** A limit as messages show it: 709.78, 88.72. */
  private static String limit(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** The first composition that {@code outer} (an op that failed its range check) completes, or null. */
  public static Match match(Value outer) {
    for (Composition c : ALL) {
      Match m = c.matcher().match(c, outer);
      if (m != null) {
        return m;
      }
    }
    return null;
  }

  private static Value logArgument(Value v) {
    return v.isOp(OpCatalog.LOG) ? v.operand(0) : null;
  }

  /** x, then the reduction's dim argument if it has one. */
  private static List<Value> withDim(Value reduction, Value x) {
    List<Value> args = new ArrayList<>();
    args.add(x);
    int dim = reduction.origin().dimArg();
    if (dim >= 0 && dim < reduction.operands().size()) {
      args.add(reduction.operand(dim));
    }
    return args;
  }

  private static boolean isOne(Value v) {
    Double c = v.fact().constant();
    return c != null && c == 1;
  }

  /** The x of x^2 written as square(x), pow(x, 2) or x * x (which the analyzer reads as square); else null. */
  private static Value squared(Value v) {
    if (v.isOp(OpCatalog.SQUARE)) {
      return v.operand(0);
    }
    if (v.is(Role.POW)) {
      Double p = v.operand(1).fact().constant();
      return p != null && p == 2 ? v.operand(0) : null;
    }
    return null;
  }
}
