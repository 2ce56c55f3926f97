package io.nanguard.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gradient and parameter checks that run between backward and the optimizer step, on plain
 * arrays so that every tensor library shares them: {@link Anomaly#checkGradients} uses it for
 * NaNGuard's own {@code Tensor}, the DJL listener for {@code NDArray}. One instance remembers each
 * parameter's previous gradient norm for the growth check ({@link AnomalyOptions#gradientGrowthFactor()}).
 *
 * <p>Callers that can compute a gradient's squared norm cheaply on their device ask
 * {@link #needsDetail} first and fetch the full array only when a finding is possible.
 */
public final class GradientCheck {

  private final AnomalyOptions options;
  private final Map<String, Double> previousNorms = new HashMap<>();

  /** A check with the thresholds of {@code options}. */
  public GradientCheck(AnomalyOptions options) {
    this.options = options;
  }

  /**
   * Whether a gradient of this norm may produce a finding (it is not finite, above the
   * threshold, or grew too fast). If not, the norm is recorded as if {@link #gradient} had run,
   * and the caller need not fetch the gradient's values.
   */
  public boolean needsDetail(String name, double norm) {
    if (!Double.isFinite(norm) || norm > options.gradientNormThreshold()) {
      return true;
    }
    Double previous = previousNorms.get(name);
    if (previous != null && previous > 0 && norm > previous * options.gradientGrowthFactor()) {
      return true;
    }
    previousNorms.put(name, norm);
    return false;
  }

  /**
   * The findings about one parameter's gradient: an error if any entry is non-finite (naming the
   * rows), else warnings for a norm above the threshold or grown by more than the factor since the
   * previous call for the same name.
   */
  public List<Finding> gradient(String name, int[] shape, double[] grad, Site site) {
    return gradient(GradientReport.entry(name, shape, grad), grad, shape, site);
  }

  List<Finding> gradient(GradientReport.Entry e, double[] grad, int[] shape, Site site) {
    List<Finding> out = new ArrayList<>();
    if (e.nonFinite() > 0) {
      Elements bad = Elements.nonFinite(grad, shape);
      out.add(bad.finding(FindingKind.NON_FINITE_GRADIENT, Finding.PARAMETER_GRADIENT, site, "gradient of parameter '" + e.name()
          + "' is non-finite " + bad.where() + "; do not step the optimizer (the parameters are still unchanged)"));
      return out;
    }
    Elements largest = new Elements(e.shape(), List.of(), e.largestRows(), e.largestRows().size());
    double norm = e.norm();
    if (norm > options.gradientNormThreshold()) {
      out.add(largest.finding(FindingKind.EXPLODING_GRADIENT, Finding.PARAMETER_GRADIENT, site, "gradient norm of parameter '" + e.name()
          + "' is " + Anomaly.fmt(norm) + ", above the threshold " + Anomaly.fmt(options.gradientNormThreshold())
          + "; largest rows " + e.largestRows() + "; fix: clip it (GradClip.clipNorm), lower the learning rate,"
          + " or look at what feeds those rows"));
    }
    Double previous = previousNorms.put(e.name(), norm);
    if (previous != null && previous > 0 && norm > previous * options.gradientGrowthFactor()) {
      out.add(largest.finding(FindingKind.EXPLODING_GRADIENT, Finding.PARAMETER_GRADIENT, site, "gradient norm of parameter '" + e.name()
          + "' grew " + Anomaly.fmt(norm / previous) + "x in one step (from " + Anomaly.fmt(previous) + " to "
          + Anomaly.fmt(norm) + "), more than the factor " + Anomaly.fmt(options.gradientGrowthFactor())
          + "; largest rows " + e.largestRows() + "; fix: clip it (GradClip.clipNorm) or lower the learning rate"));
    }
    return out;
  }

  /** An error naming the rows if a parameter's values are not all finite, else null. */
  public Finding parameter(String name, int[] shape, double[] values, Site site) {
    if (Elements.allFinite(values)) {
      return null;
    }
    Elements bad = Elements.nonFinite(values, shape);
    return bad.finding(FindingKind.NON_FINITE_INPUT, "param", site,
        "parameter '" + name + "' holds non-finite values " + bad.where()
            + "; the last optimizer step wrote them: check gradients (checkGradients) before stepping");
  }
}
