package io.nanguard.ops;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * The table of elementwise ops, in the manner of PyTorch's {@code derivatives.yaml}: one row per
 * op holding its forward rule, derivative, singular points, range transfer and safe form.
 *
 * <p>Derivative conventions follow PyTorch exactly: {@code abs} and {@code relu} have gradient
 * 0 at 0, {@code sqrt} at 0 has gradient +inf (so a 0 upstream gradient turns it into NaN).
 */
public final class OpCatalog {

  /** exp(x) is +inf above this (the largest double is about e^709.78). */
  public static final double EXP_LIMIT = FloatFormat.FLOAT64.expOverflow();

  private static final double LN2 = Math.log(2);
  private static final double LN10 = Math.log(10);
  private static final Range NON_NEG = Range.NON_NEGATIVE;
  private static final Domain POSITIVE = Domain.interval(Range.POSITIVE);
  private static final Domain EXP_SAFE = Domain.interval(new Range(Double.NEGATIVE_INFINITY, true, EXP_LIMIT, false));
  private static final Domain OPEN_UNIT_BALL = Domain.interval(new Range(-1, true, 1, true));
  private static final Domain CLOSED_UNIT_BALL = Domain.interval(Range.closed(-1, 1));
  private static final Domain OPEN_UNIT_INTERVAL = Domain.interval(new Range(0, true, 1, true));
  private static final Guarding UNIT_BALL_GUARD = Guarding.clampInto(-1, 1, 1, -1);

  public static final OpSpec NEG = safe("neg", Flow.LINEAR, x -> -x, (x, y) -> -1, Range::neg, true);
  public static final OpSpec ABS = safe("abs", Flow.GENERAL, Math::abs, (x, y) -> Math.signum(x), Range::abs, true);
  public static final OpSpec SQUARE = safe("square", x -> x * x, (x, y) -> 2 * x, Range::square);
  public static final OpSpec SQRT = hazardous("sqrt", Hazard.SQRT, Math::sqrt, (x, y) -> 1 / (2 * y),
      Domain.interval(NON_NEG), POSITIVE, r -> r.meet(NON_NEG).mapIncreasing(Math::sqrt),
      Guarding.clampBelow(0, 0, 1), "add eps inside the sqrt (sqrt(s + 1e-8)), or use norm()/dist(), whose gradient at 0 is 0");
  public static final OpSpec RSQRT = hazardous("rsqrt", Hazard.SQRT, x -> 1 / Math.sqrt(x), (x, y) -> -0.5 * y * y * y,
      POSITIVE, POSITIVE, r -> r.meet(NON_NEG).mapDecreasing(x -> 1 / Math.sqrt(x)),
      Guarding.clampBelow(0, 0, 1), "add eps inside the rsqrt");
  public static final OpSpec RECIPROCAL = hazardous("reciprocal", Hazard.DIV, x -> 1 / x, (x, y) -> -y * y,
      Domain.NON_ZERO, Domain.NON_ZERO, r -> Range.point(1).div(r),
      Guarding.awayFromZero(), "keep the divisor away from 0 (x.clampMin(eps) for a norm or count)");
  public static final OpSpec EXP = hazardous("exp", Hazard.EXP, Math::exp, (x, y) -> y,
      EXP_SAFE, EXP_SAFE, r -> r.mapIncreasing(Math::exp),
      Guarding.clampExponent(), "subtract the max first (logSumExp, softmax) or clamp the exponent");
  public static final OpSpec EXPM1 = hazardous("expm1", Hazard.EXP, Math::expm1, (x, y) -> y + 1,
      EXP_SAFE, EXP_SAFE, r -> r.mapIncreasing(Math::expm1),
      Guarding.clampExponent(), "clamp the exponent");
  public static final OpSpec LOG = hazardous("log", Hazard.LOG, Math::log, (x, y) -> 1 / x,
      POSITIVE, POSITIVE, r -> r.meet(NON_NEG).mapIncreasing(Math::log),
      Guarding.clampBelow(0, 1, 0), "clamp the argument (x.clampMin(1e-12)), or use logSumExp/logSoftmax/logSigmoid/log1p");
  public static final OpSpec LOG2 = hazardous("log2", Hazard.LOG, x -> Math.log(x) / LN2, (x, y) -> 1 / (x * LN2),
      POSITIVE, POSITIVE, r -> r.meet(NON_NEG).mapIncreasing(x -> Math.log(x) / LN2),
      Guarding.clampBelow(0, 1, 0), "clamp the argument (x.clampMin(1e-12))");
  public static final OpSpec LOG10 = hazardous("log10", Hazard.LOG, Math::log10, (x, y) -> 1 / (x * LN10),
      POSITIVE, POSITIVE, r -> r.meet(NON_NEG).mapIncreasing(Math::log10),
      Guarding.clampBelow(0, 1, 0), "clamp the argument (x.clampMin(1e-12))");
  public static final OpSpec LOG1P = hazardous("log1p", Hazard.LOG, Math::log1p, (x, y) -> 1 / (1 + x),
      Domain.interval(new Range(-1, true, Double.POSITIVE_INFINITY, true)),
      Domain.interval(new Range(-1, true, Double.POSITIVE_INFINITY, true)),
      r -> r.meet(new Range(-1, false, Double.POSITIVE_INFINITY, true)).mapIncreasing(Math::log1p),
      Guarding.clampBelow(-1, 1, 0), "clamp the argument above -1");
  public static final OpSpec SIGMOID = safe("sigmoid", OpCatalog::sigmoid, (x, y) -> y * (1 - y),
      r -> r.mapIncreasing(OpCatalog::sigmoid));
  public static final OpSpec TANH = safe("tanh", Math::tanh, (x, y) -> 1 - y * y,
      r -> r.mapIncreasing(Math::tanh));
  public static final OpSpec RELU = safe("relu", x -> x > 0 ? x : 0, (x, y) -> x > 0 ? 1 : 0,
      r -> r.clamp(0, Double.POSITIVE_INFINITY));
  public static final OpSpec SOFTPLUS = safe("softplus", OpCatalog::softplus, (x, y) -> sigmoid(x),
      r -> r.mapIncreasing(OpCatalog::softplus));
  public static final OpSpec LOG_SIGMOID = safe("logSigmoid", x -> -softplus(-x), (x, y) -> sigmoid(-x),
      r -> r.mapIncreasing(x -> -softplus(-x)).meet(new Range(Double.NEGATIVE_INFINITY, true, 0, false)));
  public static final OpSpec SIN = safe("sin", Math::sin, (x, y) -> Math.cos(x), r -> Range.closed(-1, 1));
  public static final OpSpec COS = safe("cos", Math::cos, (x, y) -> -Math.sin(x), r -> Range.closed(-1, 1));
  public static final OpSpec ACOS = hazardous("acos", Hazard.ACOS, Math::acos, (x, y) -> -1 / Math.sqrt(1 - x * x),
      CLOSED_UNIT_BALL, OPEN_UNIT_BALL, r -> r.meet(Range.closed(-1, 1)).mapDecreasing(Math::acos),
      UNIT_BALL_GUARD, "clamp the argument to [-1 + eps, 1 - eps]");
  public static final OpSpec ASIN = hazardous("asin", Hazard.ASIN, Math::asin, (x, y) -> 1 / Math.sqrt(1 - x * x),
      CLOSED_UNIT_BALL, OPEN_UNIT_BALL, r -> r.meet(Range.closed(-1, 1)).mapIncreasing(Math::asin),
      UNIT_BALL_GUARD, "clamp the argument to [-1 + eps, 1 - eps]");
  public static final OpSpec LOGIT = hazardous("logit", Hazard.LOG, x -> Math.log(x) - Math.log1p(-x),
      (x, y) -> 1 / (x * (1 - x)), OPEN_UNIT_INTERVAL, OPEN_UNIT_INTERVAL,
      r -> r.meet(Range.UNIT).mapIncreasing(x -> Math.log(x) - Math.log1p(-x)),
      Guarding.clampInto(0, 1, 1, -1), "clamp the probability to [eps, 1 - eps], or work with logits throughout");

  /**
   * Every public row constant of this class, in declaration order, found by reflection: a row
   * exists in the catalogue by being declared, so no index can leave one out.
   */
  private static final Map<String, OpSpec> BY_NAME = rowsDeclaredIn(OpCatalog.class, OpSpec.class);

  private OpCatalog() {}

  /** Every fixed (parameterless) elementwise op, by name, in declaration order. */
  public static Map<String, OpSpec> unaryOps() {
    return BY_NAME;
  }

  /**
   * The public constant holding {@code row} ({@code OpCatalog.SQRT}, {@code BinaryRows.ATAN2}), for
   * generated code that must name a row; null for a row made on demand ({@link #pow}).
   */
  public static RowConstant constantOf(EngineOp row) {
    return RowConstant.of(row);
  }

  /** The name of the public constant holding {@code row} ({@code "SQRT"}), or null for a row made on demand. */
  public static String constantName(OpSpec row) {
    RowConstant c = constantOf(row);
    return c == null ? null : c.field();
  }

  /** The op with this name, or null. */
  public static OpSpec byName(String name) {
    return BY_NAME.get(name);
  }

  /** The divisor's row: a / b is safe exactly where 1 / b is ({@link BinaryRows#DIV}'s operand row). */
  public static OpSpec divisor() {
    return RECIPROCAL;
  }

  /**
   * x^p. Its hazards depend on p: p &lt; 0 is infinite at 0; 0 &lt; p &lt; 1 has an infinite
   * gradient at 0; a non-integer p is NaN below 0. Integer p &gt;= 1 is safe everywhere.
   */
  public static OpSpec pow(double p) {
    boolean integer = p == Math.rint(p) && !Double.isInfinite(p);
    Range valueOk;
    Range gradOk;
    if (p == 0) {
      return safe("pow", Flow.GENERAL, x -> 1, (x, y) -> 0, r -> Range.point(1), false);
    } else if (integer && p > 0) {
      valueOk = Range.TOP;
      gradOk = Range.TOP;
    } else if (integer) {
      valueOk = null; // every x except 0
      gradOk = null;
    } else if (p > 1) {
      valueOk = NON_NEG;
      gradOk = NON_NEG;
    } else if (p > 0) {
      valueOk = NON_NEG;
      gradOk = Range.POSITIVE;
    } else {
      valueOk = Range.POSITIVE;
      gradOk = Range.POSITIVE;
    }
    Domain value = valueOk == null ? Domain.NON_ZERO : Domain.interval(valueOk);
    Domain grad = gradOk == null ? Domain.NON_ZERO : Domain.interval(gradOk);
    DoubleBinaryOperator d = (x, y) -> p * Math.pow(x, p - 1);
    UnaryOperator<Range> image = r -> powImage(r, p, integer).closeZeroEnds();
    Hazard hazard = valueOk == Range.TOP ? null : Hazard.POW;
    // x * x is what PyTorch computes for p = 2, and it is exact where Math.pow need not be.
    DoubleUnaryOperator f = p == 2 ? x -> x * x : x -> Math.pow(x, p);
    return new OpSpec("pow", hazard, Flow.GENERAL, f, d, value, grad, image, false, hazard == null ? null : powGuard(p, integer),
        ", p", "add eps inside the pow, or write sqrt(x + eps) for p = 0.5");
  }

  /**
   * The base moved into x^p's safe domain: a negative integer p raises |x| away from 0 like a
   * divisor; a non-integer p clamps x at 0, plus eps when p &lt; 1 (where 0 itself is singular).
   */
  private static Guarding powGuard(double p, boolean integer) {
    if (integer) {
      return Guarding.awayFromZero();
    }
    return Guarding.clampBelow(0, 0, p < 1 ? 1 : 0);
  }

  /** Numerically stable logistic function. */
  public static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }

  /** Numerically stable log(1 + exp(x)). */
  public static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  private static Range powImage(Range r, double p, boolean integer) {
    if (integer && p > 0) {
      if (p % 2 == 0) {
        return r.abs().mapIncreasing(x -> Math.pow(x, p));
      }
      return r.mapIncreasing(x -> Math.pow(x, p));
    }
    if (integer) {
      // Negative integer powers: bounded only away from 0, where div gives TOP.
      return Range.point(1).div(powImage(r, -p, true));
    }
    Range base = r.meet(NON_NEG);
    return p > 0 ? base.mapIncreasing(x -> Math.pow(x, p)) : base.mapDecreasing(x -> Math.pow(x, p));
  }

  private static OpSpec safe(String name, DoubleUnaryOperator f, DoubleBinaryOperator d, UnaryOperator<Range> image) {
    return safe(name, Flow.GENERAL, f, d, image, false);
  }

  private static OpSpec safe(String name, Flow flow, DoubleUnaryOperator f, DoubleBinaryOperator d,
      UnaryOperator<Range> image, boolean keepsNonZero) {
    return new OpSpec(name, null, flow, f, d, Domain.ALL, Domain.ALL, image, keepsNonZero, null, "", "");
  }

  private static OpSpec hazardous(String name, Hazard hazard, DoubleUnaryOperator f, DoubleBinaryOperator d,
      Domain value, Domain gradient, UnaryOperator<Range> image, Guarding guarding, String advice) {
    return new OpSpec(name, hazard, Flow.GENERAL, f, d, value, gradient, image, false, guarding, "", advice);
  }

  /** The public static constants of type {@code type} declared in {@code holder}, by row name, in declaration order. */
  static <T extends EngineOp> Map<String, T> rowsDeclaredIn(Class<?> holder, Class<T> type) {
    Map<String, T> m = new LinkedHashMap<>();
    for (RowConstant.Declared<T> d : RowConstant.declaredIn(holder, type)) {
      if (m.putIfAbsent(d.row().name(), d.row()) != null) {
        throw new IllegalStateException(holder.getSimpleName() + ": two rows named " + d.row().name());
      }
    }
    return Collections.unmodifiableMap(m);
  }
}
