package io.nanguard.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.nanguard.check.Finding;
import io.nanguard.check.FindingKind;
import io.nanguard.check.Finiteness;
import io.nanguard.check.Site;
import io.nanguard.guard.Guard;
import io.nanguard.guard.GuardStats;
import io.nanguard.ops.FloatFormat;
import java.util.Locale;
import java.util.function.Function;

/**
 * The epsilon-safe forms of {@link Guard} on DJL's {@link NDArray}: what code generated for
 * {@code @Guarded} methods written against NDArray calls in place of unsafe ops. Same forms and
 * contract as {@code Guard}: finite value and gradient at every singular point, equal to the
 * original op elsewhere (where the clamp is inactive the gradient is the op's own, where it is
 * active it is 0, as for {@code clip}), NaN in gives NaN out, the user's {@code File.java:line}
 * as the site, every call counted in {@link GuardStats}.
 *
 * <p><b>Formats.</b> The eps actually used is chosen at run time from the array's
 * {@link NDArray#getDataType()}: never below the format's smallest normal number (1e-8 would
 * flush to 0 in float16), and for clamps to {@code 1 - eps} never below the spacing just under 1
 * (machine epsilon: in float32 {@code 1 - 1e-8 == 1}, so the clamp would do nothing). exp is clamped at the
 * format's overflow point (88 in float32, 11 in float16).
 *
 * <p><b>Cost.</b> Every form is a fixed sequence of elementwise device ops ({@code clip}, add,
 * the op): no host synchronisation and no branch on the data, so it stays cheap on a GPU. The
 * constants they add (eps, 1) are 0-d arrays made once per device and type ({@link NdConstants}),
 * not Java numbers DJL would copy into a new array at every call. Only
 * while a NaNGuard check is on (an open {@link NanGuardListener} or an {@code Anomaly} scope) does
 * a guard count the elements it changed, which needs one host synchronisation, and report them as
 * an {@code UNSAFE_INPUT} warning at the user's line; otherwise it counts the call alone.
 */
public final class NdGuard {

  private NdGuard() {}

  /** {@code sqrt(max(x, 0) + eps)}. */
  public static NDArray sqrt(NDArray x, double eps, String site) {
    DataType type = x.getDataType();
    double e = NdFormats.positive(NdFormats.of(type), checked(eps, site));
    note(x, site, "sqrt", a -> a.lte(0), "sqrt(max(x, 0) + eps)", e);
    return x.clip(0, Double.POSITIVE_INFINITY).add(NdConstants.of(x, type, e)).sqrt();
  }

  /**
   * {@code sqrt(x + eps)} for an x the analysis proved non-negative (a sum of squares): equal to
   * {@link #sqrt} on every such x, value and gradient, without its clamp to 0. Generated code calls
   * this form only then: DJL's {@code clip(Number, Number)} makes two scalar arrays and a clamp
   * node per call, which on small arrays costs more than the loss's own ops.
   */
  public static NDArray sqrtNonNegative(NDArray x, double eps, String site) {
    DataType type = x.getDataType();
    double e = NdFormats.positive(NdFormats.of(type), checked(eps, site));
    note(x, site, "sqrt", a -> a.lte(0), "sqrt(x + eps)", e);
    return x.add(NdConstants.of(x, type, e)).sqrt();
  }

  /** {@code log(max(x, eps))}. */
  public static NDArray log(NDArray x, double eps, String site) {
    return clampedBelow(x, eps, site, "log").log();
  }

  /** {@code log2(max(x, eps))}. */
  public static NDArray log2(NDArray x, double eps, String site) {
    return clampedBelow(x, eps, site, "log2").log2();
  }

  /** {@code log10(max(x, eps))}. */
  public static NDArray log10(NDArray x, double eps, String site) {
    return clampedBelow(x, eps, site, "log10").log10();
  }

  /**
   * {@code log(1 + max(x, eps - 1))}, computed stably: the rewrite of {@code log(1 + x)}, which in
   * float32 loses every x below 6e-8 ({@code 1 + 1e-9 == 1}). DJL has no {@code log1p}, so this
   * is {@code log(u) * x / (u - 1)} with {@code u = 1 + x} (exact to a few ulps), and x itself
   * where u rounds to 1.
   */
  public static NDArray log1p(NDArray x, double eps, String site) {
    DataType type = x.getDataType();
    double e = NdFormats.belowOne(NdFormats.of(type), checked(eps, site));
    note(x, site, "log1p", a -> a.lte(e - 1), "log1p(max(x, eps - 1))", e);
    NDArray one = NdConstants.of(x, type, 1);
    NDArray t = x.clip(e - 1, Double.POSITIVE_INFINITY);
    NDArray u = t.add(one);
    NDArray d = u.sub(one);
    NDArray exact = d.eq(0);
    NDArray safeD = NDArrays.where(exact, d.onesLike(), d);
    return NDArrays.where(exact, t, u.log().mul(t).div(safeD));
  }

  /** {@code x^p} with the base moved into the exponent's safe domain, as {@link Guard#pow}. */
  public static NDArray pow(NDArray x, Number p, double eps, String site) {
    double q = p.doubleValue();
    checked(eps, site);
    if (q == Math.rint(q) && !Double.isInfinite(q)) {
      return q >= 0 ? count(x, site).pow(p) : divisor(x, eps, site).pow(p);
    }
    DataType type = x.getDataType();
    double e = q < 1 ? NdFormats.positive(NdFormats.of(type), eps) : 0;
    note(x, site, "pow", a -> q < 1 ? a.lte(0) : a.lt(0), q < 1 ? "pow(max(x, 0) + eps, p)" : "pow(max(x, 0), p)", e);
    NDArray base = x.clip(0, Double.POSITIVE_INFINITY);
    return (e > 0 ? base.add(NdConstants.of(x, type, e)) : base).pow(p);
  }

  /**
   * {@code x^p} with an array of exponents, as {@code Guard.pow(Tensor, Tensor, ...)} (the row
   * {@code BinaryRows.POW}): p is known only at run time, so the base is moved to
   * {@code max(x, 0) + eps} wherever p is; value, d/dx and d/dp ({@code x^p log x}) are then finite.
   */
  public static NDArray pow(NDArray x, NDArray p, double eps, String site) {
    DataType type = x.getDataType();
    double e = NdFormats.positive(NdFormats.of(type), checked(eps, site));
    note(x, site, "pow", a -> a.lte(0), "pow(max(x, 0) + eps, p)", e);
    return x.clip(0, Double.POSITIVE_INFINITY).add(NdConstants.of(x, type, e)).pow(p);
  }

  /**
   * {@code atan2(a, b)} with b moved to {@code ±eps} (its sign kept, 0 counting as positive, as a
   * {@link #divisor}) only where both |a| and |b| are below eps, as {@code Guard.binary(BinaryRows.ATAN2, ...)}: PyTorch's
   * gradient at (0, 0) is 0 * (1 / 0) = NaN, and nothing else is changed. One {@code where}, no
   * branch on the data.
   */
  public static NDArray atan2(NDArray a, NDArray b, double eps, String site) {
    DataType type = b.getDataType();
    double e = NdFormats.positive(NdFormats.of(type), checked(eps, site));
    NDArray origin = a.abs().lt(e).logicalAnd(b.abs().lt(e));
    Shape shape = origin.getShape(); // DJL's where does not broadcast
    NDArray wide = b.broadcast(shape);
    note(wide, site, "atan2", unused -> origin, "atan2(a, b with |b| raised to eps where |a| and |b| < eps)", e);
    return a.atan2(NDArrays.where(origin, awayFromZero(b, type, e).broadcast(shape), wide));
  }

  /** {@code acos(clip(x, -1 + eps, 1 - eps))}. */
  public static NDArray acos(NDArray x, double eps, String site) {
    return unitBall(x, eps, site, "acos").acos();
  }

  /** {@code asin(clip(x, -1 + eps, 1 - eps))}. */
  public static NDArray asin(NDArray x, double eps, String site) {
    return unitBall(x, eps, site, "asin").asin();
  }

  /** {@code exp(min(x, floor(ln(max))))} of the array's format (88 in float32); eps is not used. */
  public static NDArray exp(NDArray x, double eps, String site) {
    double limit = NdFormats.expClamp(NdFormats.of(x.getDataType()));
    note(x, site, "exp", a -> a.gt(limit), "exp(min(x, " + (long) limit + "))", 0);
    return x.clip(Double.NEGATIVE_INFINITY, limit).exp();
  }

  /**
   * A divisor made safe: {@code b} where {@code |b| >= eps}, else {@code eps} with b's sign (0
   * counts as positive). Generated code divides by this: {@code a.div(NdGuard.divisor(b, ...))}.
   * Its gradient is 1 where b is kept and 0 where it was raised.
   */
  public static NDArray divisor(NDArray b, double eps, String site) {
    DataType type = b.getDataType();
    double e = NdFormats.positive(NdFormats.of(type), checked(eps, site));
    note(b, site, "div", a -> a.abs().lt(e), "a / (b with |b| raised to eps, sign kept)", e);
    return awayFromZero(b, type, e);
  }

  /** b with |b| raised to at least e, sign kept, 0 counting as positive. */
  private static NDArray awayFromZero(NDArray b, DataType type, double e) {
    NDArray sign = b.gte(0).toType(type, false).mul(NdConstants.of(b, type, 2)).sub(NdConstants.of(b, type, 1));
    return b.abs().clip(e, Double.POSITIVE_INFINITY).mul(sign);
  }

  /** A scalar divisor made safe like {@link #divisor(NDArray, double, String)}; a Float stays a Float. */
  public static Number divisor(Number b, double eps, String site) {
    double e = NdFormats.positive(FloatFormat.FLOAT32, checked(eps, site));
    double v = b.doubleValue();
    boolean raised = Math.abs(v) < e;
    record(site, raised ? 1 : 0);
    if (!raised) {
      return b;
    }
    if (NdChecks.active() && !NdChecks.replaying()) {
      NdChecks.report(unsafe(site, "div", new double[] {1}, new int[0], "a / (b with |b| raised to eps, sign kept)", e,
          "float32"));
    }
    double safe = Math.copySign(e, v == 0 ? 1 : v);
    return b instanceof Float ? (Number) (float) safe : (Number) safe;
  }

  /** {@code log(sum(exp(x), axes))} computed stably (shifted by the detached maximum); eps is not used. */
  public static NDArray logSumExp(NDArray x, int[] axes, boolean keepDims, double eps, String site) {
    record(site, 0);
    NDArray max = x.max(axes, true).stopGradient();
    NDArray shift = NDArrays.where(max.isInfinite(), max.zerosLike(), max);
    NDArray out = x.sub(shift).exp().sum(axes, true).log().add(shift);
    return keepDims ? out : out.squeeze(axes);
  }

  /** {@code log(sum(exp(x), axes))} without kept dimensions; eps is not used. */
  public static NDArray logSumExp(NDArray x, int[] axes, double eps, String site) {
    return logSumExp(x, axes, false, eps, site);
  }

  /** {@code log(softmax(x, axis))}, computed as {@link NDArray#logSoftmax}; eps is not used. */
  public static NDArray logSoftmax(NDArray x, int axis, double eps, String site) {
    record(site, 0);
    return x.logSoftmax(axis);
  }

  /** {@code exp(x) / sum(exp(x), axis)}, computed as {@link NDArray#softmax}; eps is not used. */
  public static NDArray softmax(NDArray x, int axis, double eps, String site) {
    record(site, 0);
    return x.softmax(axis);
  }

  /**
   * {@code exp(x) / sum(exp(x), axes, true)} (the written form with DJL's {@code int[]} axes),
   * computed stably: shifted by the detached maximum over the axes; eps is not used.
   */
  public static NDArray softmax(NDArray x, int[] axes, double eps, String site) {
    record(site, 0);
    NDArray max = x.max(axes, true).stopGradient();
    NDArray e = x.sub(NDArrays.where(max.isInfinite(), max.zerosLike(), max)).exp();
    return e.div(e.sum(axes, true));
  }

  /** {@code log(sigmoid(x))}, computed as {@code -softPlus(-x)}; eps is not used. */
  public static NDArray logSigmoid(NDArray x, double eps, String site) {
    record(site, 0);
    return Activation.softPlus(x.neg()).neg();
  }

  private static NDArray clampedBelow(NDArray x, double eps, String site, String op) {
    double e = NdFormats.positive(NdFormats.of(x.getDataType()), checked(eps, site));
    note(x, site, op, a -> a.lt(e), op + "(max(x, eps))", e);
    return x.clip(e, Double.POSITIVE_INFINITY);
  }

  private static NDArray unitBall(NDArray x, double eps, String site, String op) {
    double e = NdFormats.belowOne(NdFormats.of(x.getDataType()), checked(eps, site));
    note(x, site, op, a -> a.abs().gt(1 - e), op + "(clip(x, -1 + eps, 1 - eps))", e);
    return x.clip(-1 + e, 1 - e);
  }

  /** Counts a call of a guard that never changes its input (a non-negative integer power). */
  private static NDArray count(NDArray x, String site) {
    record(site, 0);
    return x;
  }

  /**
   * Counts the call; while a check is on, also counts the elements the guard changes (one host
   * synchronisation) and reports them as an UNSAFE_INPUT warning at the user's line.
   */
  private static void note(NDArray x, String site, String op, Function<NDArray, NDArray> engaged, String form,
      double eps) {
    if (NdChecks.replaying()) {
      return;
    }
    if (!NdChecks.active()) {
      GuardStats.record(site, 0);
      return;
    }
    try (NDScope scope = new NDScope()) {
      NDArray mask = engaged.apply(x.stopGradient());
      long n = mask.countNonzero().getLong();
      GuardStats.record(site, n);
      if (n > 0) {
        double[] values = NdValues.doubles(mask.toType(DataType.FLOAT32, false));
        NdChecks.report(unsafe(site, op, values, NdValues.shape(x), form, eps,
            NdFormats.of(x.getDataType()).name().toLowerCase(Locale.ROOT)));
      }
      scope.suppressNotUsedWarning();
    }
  }

  /** Counts a call in {@link GuardStats}, unless it is a listener's replay of an evaluation already counted. */
  private static void record(String site, long engaged) {
    if (!NdChecks.replaying()) {
      GuardStats.record(site, engaged);
    }
  }

  private static Finding unsafe(String site, String op, double[] mask, int[] shape, String form, double eps,
      String format) {
    return Finiteness.finding(FindingKind.UNSAFE_INPUT, op, Site.parse(site), mask, shape, v -> v != 0,
        where -> op + " input is at or beyond its singular point " + where + "; the guard " + form
            + (eps > 0 ? " with eps " + (float) eps + " (" + format + ")" : "")
            + " kept value and gradient finite: the unguarded op would not have");
  }

  /** An eps that is not positive and below 1 would silently disable the guard. */
  private static double checked(double eps, String site) {
    if (!(eps > 0 && eps < 1)) {
      throw new IllegalArgumentException("NdGuard at " + site + ": eps must be in (0, 1), got " + eps);
    }
    return eps;
  }
}
