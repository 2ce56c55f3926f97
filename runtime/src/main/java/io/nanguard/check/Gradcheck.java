package io.nanguard.check;

import io.nanguard.tensor.OpListener;
import io.nanguard.tensor.OpListeners;
import io.nanguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares autograd's gradients with central finite differences, as PyTorch's {@code gradcheck}:
 * step {@value #EPS}, and an analytic entry a matches the numeric n if
 * {@code |a - n| <= ATOL + RTOL * |n|}. Every entry of the Jacobian is checked (one backward pass
 * per output element, two evaluations per input element).
 *
 * <p>A point where the function is not differentiable (a kink such as {@code abs} at 0, or an
 * infinite slope such as {@code sqrt} at 0) is reported in
 * {@link Result#nonDifferentiable()} instead of as a mismatch: there the two one-sided
 * differences disagree by an amount that does not shrink with the step, or a difference is not
 * finite, and no single gradient is "right".
 *
 * <p>The function runs with the anomaly checker off: the probes at x &plusmn; eps are not the
 * user's computation.
 */
public final class Gradcheck {

  /** The finite-difference step. */
  public static final double EPS = 1e-6;
  /** Absolute tolerance. */
  public static final double ATOL = 1e-5;
  /** Relative tolerance. */
  public static final double RTOL = 1e-3;

  /** A function of tensors to check. */
  @FunctionalInterface
  public interface Fn {
    /** Computes the output from the inputs (which arrive as fresh leaves requiring grad). */
    Tensor apply(Tensor... inputs);
  }

  /**
   * One Jacobian entry: d output[outputElement] / d inputs[input][element].
   *
   * @param input which input
   * @param element flat index within that input
   * @param outputElement flat index within the output
   * @param analytic autograd's value
   * @param numeric the central difference
   */
  public record Entry(int input, int element, int outputElement, double analytic, double numeric) {

    /** |analytic - numeric|. */
    public double error() {
      return Math.abs(analytic - numeric);
    }

    /** How far the error exceeds the tolerance (positive = mismatch). */
    public double excess() {
      return error() - (ATOL + RTOL * Math.abs(numeric));
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "d out[%d] / d input%d[%d]: analytic %.9g, numeric %.9g",
          outputElement, input, element, analytic, numeric);
    }
  }

  /**
   * The outcome.
   *
   * @param worst the differentiable entry with the largest {@link Entry#excess()} (null if there
   *     was none)
   * @param nonDifferentiable the entries at points where the function is not differentiable
   */
  public record Result(Entry worst, List<Entry> nonDifferentiable) {

    /** Copies the list. */
    public Result {
      nonDifferentiable = List.copyOf(nonDifferentiable);
    }

    /** Whether every differentiable entry is within tolerance. */
    public boolean passed() {
      return worst == null || worst.excess() <= 0;
    }

    @Override
    public String toString() {
      String head = passed() ? "gradcheck passed" : "gradcheck FAILED: worst mismatch " + worst;
      if (passed() && worst != null) {
        head += String.format(Locale.ROOT, " (worst error %.3g)", worst.error());
      }
      return nonDifferentiable.isEmpty() ? head
          : head + "; not differentiable at " + nonDifferentiable.size() + " point(s), first: " + nonDifferentiable.get(0);
    }
  }

  private Gradcheck() {}

  /** Checks fn's gradient with respect to every input at the given point. */
  public static Result check(Fn fn, Tensor... inputs) {
    if (inputs.length == 0) {
      throw new IllegalArgumentException("Gradcheck.check: needs at least one input");
    }
    OpListener checker = OpListeners.install(null);
    try {
      return run(fn, inputs);
    } finally {
      OpListeners.install(checker);
    }
  }

  private static Result run(Fn fn, Tensor[] inputs) {
    double[][] base = new double[inputs.length][];
    int[][] shapes = new int[inputs.length][];
    for (int k = 0; k < inputs.length; k++) {
      base[k] = inputs[k].toArray();
      shapes[k] = inputs[k].shape();
    }
    double[] f0 = eval(fn, base, shapes, -1, 0, 0);
    int outSize = f0.length;
    double[][][] analytic = analytic(fn, base, shapes, outSize);
    Entry worst = null;
    List<Entry> kinks = new ArrayList<>();
    for (int k = 0; k < inputs.length; k++) {
      for (int i = 0; i < base[k].length; i++) {
        double[] plus = eval(fn, base, shapes, k, i, EPS);
        double[] minus = eval(fn, base, shapes, k, i, -EPS);
        double[] plusSmall = eval(fn, base, shapes, k, i, EPS / 10);
        double[] minusSmall = eval(fn, base, shapes, k, i, -EPS / 10);
        for (int j = 0; j < outSize; j++) {
          Entry e = new Entry(k, i, j, analytic[k][i][j], (plus[j] - minus[j]) / (2 * EPS));
          double jump = Math.abs((plus[j] - f0[j]) - (f0[j] - minus[j])) / EPS;
          double jumpSmall = Math.abs((plusSmall[j] - f0[j]) - (f0[j] - minusSmall[j])) / (EPS / 10);
          // Smooth: the one-sided slopes differ by about |f''| * eps, shrinking 10x with the step.
          // A kink keeps its jump at every step.
          boolean kink = !Double.isFinite(e.numeric()) || !Double.isFinite(e.analytic())
              || (jump > ATOL + RTOL * Math.abs(e.numeric()) && jumpSmall > 0.5 * jump);
          if (kink) {
            kinks.add(e);
          } else if (worst == null || e.excess() > worst.excess()) {
            worst = e;
          }
        }
      }
    }
    return new Result(worst, kinks);
  }

  /** analytic[k][i][j] = d out[j] / d input k [i], one backward pass per output element. */
  private static double[][][] analytic(Fn fn, double[][] base, int[][] shapes, int outSize) {
    double[][][] jac = new double[base.length][][];
    for (int k = 0; k < base.length; k++) {
      jac[k] = new double[base[k].length][outSize];
    }
    for (int j = 0; j < outSize; j++) {
      Tensor[] leaves = leaves(base, shapes, -1, 0, 0, true);
      Tensor out = fn.apply(leaves);
      if (!out.requiresGrad()) {
        return jac; // the output does not depend on any input: every entry is 0
      }
      double[] pick = new double[outSize];
      pick[j] = 1;
      out.reshape(-1).mul(Tensor.of(pick)).sum().backward();
      for (int k = 0; k < base.length; k++) {
        Tensor g = leaves[k].grad();
        for (int i = 0; i < base[k].length; i++) {
          jac[k][i][j] = g == null ? 0 : g.data()[i];
        }
      }
    }
    return jac;
  }

  private static double[] eval(Fn fn, double[][] base, int[][] shapes, int k, int i, double h) {
    return fn.apply(leaves(base, shapes, k, i, h, false)).toArray();
  }

  private static Tensor[] leaves(double[][] base, int[][] shapes, int k, int i, double h, boolean grad) {
    Tensor[] t = new Tensor[base.length];
    for (int m = 0; m < base.length; m++) {
      double[] d = base[m].clone();
      if (m == k) {
        d[i] += h;
      }
      t[m] = Tensor.of(d, shapes[m]).requiresGrad(grad);
    }
    return t;
  }
}
