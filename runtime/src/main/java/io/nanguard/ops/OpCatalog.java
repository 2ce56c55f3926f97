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
  public static final double EXP_LIMIT = 709.782712893384;

  private static final double LN2 = Math.log(2);
  private static final double LN10 = Math.log(10);
  private static final Range NON_NEG = Range.NON_NEGATIVE;
  private static final Domain POSITIVE = Domain.interval(Range.POSITIVE);
  private static final Domain EXP_SAFE = Domain.interval(new Range(Double.NEGATIVE_INFINITY, true, EXP_LIMIT, false));
  private static final Domain OPEN_UNIT_BALL = Domain.interval(new Range(-1, true, 1, true));
  private static final Domain CLOSED_UNIT_BALL = Domain.interval(Range.closed(-1, 1));

  public static final OpSpec NEG = safe("neg", x -> -x, (x, y) -> -1, Range::neg);
  public static final OpSpec ABS = safe("abs", Math::abs, (x, y) -> Math.signum(x), Range::abs);
  public static final OpSpec SQUARE = safe("square", x -> x * x, (x, y) -> 2 * x, Range::square);
  public static final OpSpec SQRT = new OpSpec("sqrt", Hazard.SQRT, Math::sqrt, (x, y) -> 1 / (2 * y),
      Domain.interval(NON_NEG), POSITIVE, r -> r.meet(NON_NEG).mapIncreasing(Math::sqrt),
      "sqrt(x + eps)", "add eps inside the sqrt (sqrt(s + 1e-8)), or use norm()/dist(), whose gradient at 0 is 0");
  public static final OpSpec RSQRT = new OpSpec("rsqrt", Hazard.SQRT, x -> 1 / Math.sqrt(x), (x, y) -> -0.5 * y * y * y,
      POSITIVE, POSITIVE, r -> r.meet(NON_NEG).mapDecreasing(x -> 1 / Math.sqrt(x)),
      "rsqrt(x + eps)", "add eps inside the rsqrt");
  public static final OpSpec RECIPROCAL = new OpSpec("reciprocal", Hazard.DIV, x -> 1 / x, (x, y) -> -y * y,
      Domain.NON_ZERO, Domain.NON_ZERO, r -> Range.point(1).div(r),
      "1 / (|x| raised to eps, sign kept)", "keep the divisor away from 0 (x.clampMin(eps) for a norm or count)");
  public static final OpSpec EXP = new OpSpec("exp", Hazard.EXP, Math::exp, (x, y) -> y,
      EXP_SAFE, EXP_SAFE, r -> r.mapIncreasing(Math::exp),
      "exp(min(x, 709))", "subtract the max first (logSumExp, softmax) or clamp the exponent");
  public static final OpSpec EXPM1 = new OpSpec("expm1", Hazard.EXP, Math::expm1, (x, y) -> y + 1,
      EXP_SAFE, EXP_SAFE, r -> r.mapIncreasing(Math::expm1),
      "expm1(min(x, 709))", "clamp the exponent");
  public static final OpSpec LOG = new OpSpec("log", Hazard.LOG, Math::log, (x, y) -> 1 / x,
      POSITIVE, POSITIVE, r -> r.meet(NON_NEG).mapIncreasing(Math::log),
      "log(max(x, eps))", "clamp the argument (x.clampMin(1e-12)), or use logSumExp/logSoftmax/logSigmoid/log1p");
  public static final OpSpec LOG2 = new OpSpec("log2", Hazard.LOG, x -> Math.log(x) / LN2, (x, y) -> 1 / (x * LN2),
      POSITIVE, POSITIVE, r -> r.meet(NON_NEG).mapIncreasing(x -> Math.log(x) / LN2),
      "log2(max(x, eps))", "clamp the argument (x.clampMin(1e-12))");
  public static final OpSpec LOG10 = new OpSpec("log10", Hazard.LOG, Math::log10, (x, y) -> 1 / (x * LN10),
      POSITIVE, POSITIVE, r -> r.meet(NON_NEG).mapIncreasing(Math::log10),
      "log10(max(x, eps))", "clamp the argument (x.clampMin(1e-12))");
  public static final OpSpec LOG1P = new OpSpec("log1p", Hazard.LOG, Math::log1p, (x, y) -> 1 / (1 + x),
      Domain.interval(new Range(-1, true, Double.POSITIVE_INFINITY, true)),
      Domain.interval(new Range(-1, true, Double.POSITIVE_INFINITY, true)),
      r -> r.meet(new Range(-1, false, Double.POSITIVE_INFINITY, true)).mapIncreasing(Math::log1p),
      "log1p(max(x, eps - 1))", "clamp the argument above -1");
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
  public static final OpSpec ACOS = new OpSpec("acos", Hazard.ACOS, Math::acos, (x, y) -> -1 / Math.sqrt(1 - x * x),
      CLOSED_UNIT_BALL, OPEN_UNIT_BALL, r -> r.meet(Range.closed(-1, 1)).mapDecreasing(Math::acos),
      "acos(clamp(x, -1 + eps, 1 - eps))", "clamp the argument to [-1 + eps, 1 - eps]");
  public static final OpSpec ASIN = new OpSpec("asin", Hazard.ASIN, Math::asin, (x, y) -> 1 / Math.sqrt(1 - x * x),
      CLOSED_UNIT_BALL, OPEN_UNIT_BALL, r -> r.meet(Range.closed(-1, 1)).mapIncreasing(Math::asin),
      "asin(clamp(x, -1 + eps, 1 - eps))", "clamp the argument to [-1 + eps, 1 - eps]");

  private static final Map<String, OpSpec> BY_NAME = index(NEG, ABS, SQUARE, SQRT, RSQRT, RECIPROCAL, EXP,
      EXPM1, LOG, LOG2, LOG10, LOG1P, SIGMOID, TANH, RELU, SOFTPLUS, LOG_SIGMOID, SIN, COS, ACOS, ASIN);

  private OpCatalog() {}

  /** Every fixed (parameterless) elementwise op, by name. */
  public static Map<String, OpSpec> unaryOps() {
    return BY_NAME;
  }

  /** The op with this name, or null. */
  public static OpSpec byName(String name) {
    return BY_NAME.get(name);
  }

  /** The divisor's row: a / b is safe exactly where 1 / b is. */
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
      return safe("pow", x -> 1, (x, y) -> 0, r -> Range.point(1));
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
    return new OpSpec("pow", hazard, f, d, value, grad, image,
        "pow(x + eps, p)", "add eps inside the pow, or write sqrt(x + eps) for p = 0.5");
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
    return new OpSpec(name, null, f, d, Domain.ALL, Domain.ALL, image, name + "(x)", "");
  }

  private static Map<String, OpSpec> index(OpSpec... ops) {
    Map<String, OpSpec> m = new LinkedHashMap<>();
    for (OpSpec op : ops) {
      m.put(op.name(), op);
    }
    return Collections.unmodifiableMap(m);
  }
}
