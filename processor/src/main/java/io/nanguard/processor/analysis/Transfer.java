package io.nanguard.processor.analysis;

import io.nanguard.ops.BinarySpec;
import io.nanguard.ops.Failure;
import io.nanguard.ops.FloatFormat;
import io.nanguard.ops.OpSpec;
import io.nanguard.ops.Range;
import io.nanguard.ops.api.ApiMethod;
import java.util.List;

/**
 * The abstract semantics of one API method: from the facts about its operands, the fact about
 * its result and, if an operand may reach a singular point, the {@link Check} that says so.
 * Elementwise ops, unary and binary, take both from the op catalogue; this class adds only what
 * the catalogue cannot know: how reductions, sums, products and shape ops combine ranges.
 *
 * <p>The processor's tree walker and the soundness property test both call {@link #apply}, so
 * the test exercises exactly the code the processor runs.
 */
public final class Transfer {

  /** The result of one op: what is known of its value, and its check (null when proven safe). */
  public record Step(Fact result, Check check) {}

  private static final Range SUM_OF_NOTHING = Range.point(0);
  private static final Range UNIT_BALL = Range.closed(-1, 1);
  private static final Range NON_POSITIVE = new Range(Double.NEGATIVE_INFINITY, true, 0, false);
  private static final double MEAN_ROUNDING = 1e-12;

  private Transfer() {}

  /** Applies {@code m} to operands about which {@code in} is known, computing in float64. */
  public static Step apply(ApiMethod m, List<Fact> in) {
    return apply(m, in, FloatFormat.FLOAT64);
  }

  /** Applies {@code m}, computing in {@code format}, to operands about which {@code in} is known. */
  public static Step apply(ApiMethod m, List<Fact> in, FloatFormat format) {
    return apply(m, in, format, false);
  }

  /**
   * As {@link #apply(ApiMethod, List, FloatFormat)}, where {@code secondWhole} says that a binary
   * row's second operand is known to be a whole number (an {@code int} or {@code long} operand,
   * {@code Math.pow(x, n)}: a negative base is then no hazard).
   */
  public static Step apply(ApiMethod m, List<Fact> in, FloatFormat format, boolean secondWhole) {
    return switch (m.role()) {
      case UNARY -> unary(m.op(), in.get(0), format);
      case POW, DIV, BINARY -> binary(m.binary(), in.get(0), in.get(1), format, secondWhole);
      case ADD -> safe(range(in, 0).add(range(in, 1)));
      case SUB -> safe(range(in, 0).sub(range(in, 1)));
      case MUL -> safe(range(in, 0).mul(range(in, 1)));
      case SUM -> safe(sum(range(in, 0)));
      case MEAN -> safe(mean(range(in, 0)));
      case MAX -> new Step(in.get(0), null);
      case LOG_SUM_EXP -> safe(new Range(range(in, 0).lo(), range(in, 0).loOpen(), Double.POSITIVE_INFINITY, true));
      case SOFTMAX -> safe(Range.UNIT);
      case LOG_SOFTMAX -> safe(NON_POSITIVE);
      case NORM, CROSS_ENTROPY -> safe(Range.NON_NEGATIVE);
      case COSINE -> safe(UNIT_BALL);
      case MATMUL -> safe(sum(range(in, 0).mul(range(in, 1))));
      case CLAMP -> safe(range(in, 0).max(range(in, 1)).min(range(in, 2)));
      case CLAMP_MIN, MAXIMUM -> safe(range(in, 0).max(range(in, 1)));
      case MINIMUM -> safe(range(in, 0).min(range(in, 1)));
      case IDENTITY, FILL -> new Step(in.get(0), null);
      case CONSTANT -> safe(in.stream().map(Fact::range).reduce(Range::join).orElse(SUM_OF_NOTHING));
      case ZEROS -> safe(Range.point(0));
      case ONES -> safe(Range.point(1));
      case ARANGE -> safe(Range.NON_NEGATIVE);
      case UNKNOWN -> safe(Range.TOP);
    };
  }

  private static Step unary(OpSpec spec, Fact x, FloatFormat format) {
    Failure failure = spec.hazardous() ? spec.failureWithin(x.range(), format) : null;
    if (spec.singularOnlyAtZero() && x.nonZero()) {
      failure = null;
    }
    Range image = spec.imageOf(x.range());
    boolean nonZero = x.nonZero() && spec.keepsNonZero();
    Check check = failure == null ? null
        : new Check(spec.hazard(), failure, x.range(), 0, spec.name() + " of", spec.name(), false, spec,
            () -> spec.safeForm(format), format);
    return new Step(new Fact(image, nonZero), check);
  }

  /**
   * A binary row: a unary row once its second operand is a known constant (x^2 is safe, x^0.5 is
   * not at 0), else the joint check of both operands' domains, reported on the guarded operand.
   */
  private static Step binary(BinarySpec row, Fact a, Fact b, FloatFormat format, boolean wholeB) {
    Double constant = b.constant();
    OpSpec fixed = constant == null ? null : row.withConstantB(constant);
    if (fixed != null) {
      Step step = unary(fixed, a, format);
      return new Step(Fact.of(step.result().range()), step.check());
    }
    BinarySpec.Verdict verdict = row.verdictWithin(a.range(), a.nonZero(), b.range(), b.nonZero(), wholeB);
    Fact checked = row.guarded() == 0 ? a : b;
    Check check = verdict.failure() == null ? null
        : new Check(row.hazard(), verdict.failure(), checked.range(), row.guarded(), row.shownAs(), guardMethod(row),
            row.operandGuard() != null, row, () -> row.safeForm(format), format);
    return new Step(Fact.of(verdict.image()), check);
  }

  /** The guard method called: the operand guard's ({@code divisor}), else the row's own name. */
  private static String guardMethod(BinarySpec row) {
    return row.operandGuard() != null ? row.operandGuard() : row.name();
  }

  /** A sum of one or more elements of r: unbounded in each direction some element can move. */
  private static Range sum(Range r) {
    double lo = r.lo() < 0 ? Double.NEGATIVE_INFINITY : r.lo();
    double hi = r.hi() > 0 ? Double.POSITIVE_INFINITY : r.hi();
    return new Range(lo, r.loOpen(), hi, r.hiOpen());
  }

  /**
   * A mean of elements of r. It divides a rounded sum by n, so it can leave r by rounding
   * (mean(0.1, 0.1, 0.1) &gt; 0.1): non-zero ends move out by a relative 1e-12 (the rounding
   * error of sums up to about 10^4 elements). A 0 end stays as it is: a mean of positive values
   * underflows to 0 only if every value is subnormal, which is not worth a warning on every
   * log(mean(x)).
   */
  private static Range mean(Range r) {
    return new Range(outward(r.lo(), -1), r.loOpen(), outward(r.hi(), 1), r.hiOpen());
  }

  private static double outward(double end, int direction) {
    return end == 0 || Double.isInfinite(end) ? end : end + direction * Math.abs(end) * MEAN_ROUNDING;
  }

  private static Range range(List<Fact> in, int i) {
    return in.get(i).range();
  }

  private static Step safe(Range r) {
    return new Step(Fact.of(r), null);
  }
}
