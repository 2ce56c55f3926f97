package io.nanguard.check;

import io.nanguard.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * How an {@link Anomaly} scope behaves. Immutable; build one with {@link #builder()}:
 *
 * <pre>{@code
 * AnomalyOptions.builder().collectAll().gradientNormThreshold(1e3).gradientGrowthFactor(10).build()
 * }</pre>
 */
public final class AnomalyOptions {

  private static final AnomalyOptions DEFAULTS = builder().build();

  private final boolean collectAll;
  private final double gradientNormThreshold;
  private final double gradientGrowthFactor;
  private final int maxFindings;
  private final Map<Tensor, String> names;

  private AnomalyOptions(Builder b) {
    this.collectAll = b.collectAll;
    this.gradientNormThreshold = b.gradientNormThreshold;
    this.gradientGrowthFactor = b.gradientGrowthFactor;
    this.maxFindings = b.maxFindings;
    this.names = new IdentityHashMap<>(b.names);
  }

  /** Throw at the first error, no gradient thresholds. */
  public static AnomalyOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether the scope collects every finding and reports at close (true) or throws
   * {@link NonFiniteException} at the first error (false, the default).
   */
  public boolean collectAll() {
    return collectAll;
  }

  /** A parameter whose gradient norm exceeds this gets a warning; +inf (the default) disables it. */
  public double gradientNormThreshold() {
    return gradientNormThreshold;
  }

  /**
   * A parameter whose gradient norm grew by more than this factor since the previous
   * {@link Anomaly#checkGradients} gets a warning; +inf (the default) disables it.
   */
  public double gradientGrowthFactor() {
    return gradientGrowthFactor;
  }

  /** The most findings one scope keeps (default 100); further ones are only counted. */
  public int maxFindings() {
    return maxFindings;
  }

  /** The name given to a tensor with {@link Builder#name}, or null. */
  String nameOf(Tensor tensor) {
    return names.get(tensor);
  }

  /** Builds {@link AnomalyOptions}. */
  public static final class Builder {
    private boolean collectAll;
    private double gradientNormThreshold = Double.POSITIVE_INFINITY;
    private double gradientGrowthFactor = Double.POSITIVE_INFINITY;
    private int maxFindings = 100;
    private final Map<Tensor, String> names = new IdentityHashMap<>();

    private Builder() {}

    /** Collect every finding and report at close instead of throwing at the first error. */
    public Builder collectAll() {
      return collectAll(true);
    }

    /** Chooses between collecting (true) and throwing at the first error (false). */
    public Builder collectAll(boolean collect) {
      this.collectAll = collect;
      return this;
    }

    /** Warn when a parameter's gradient norm exceeds {@code threshold} (must be positive). */
    public Builder gradientNormThreshold(double threshold) {
      if (!(threshold > 0)) {
        throw new IllegalArgumentException("gradientNormThreshold: must be positive, got " + threshold);
      }
      this.gradientNormThreshold = threshold;
      return this;
    }

    /** Warn when a parameter's gradient norm grows by more than {@code factor} (&gt; 1) in one step. */
    public Builder gradientGrowthFactor(double factor) {
      if (!(factor > 1)) {
        throw new IllegalArgumentException("gradientGrowthFactor: must be greater than 1, got " + factor);
      }
      this.gradientGrowthFactor = factor;
      return this;
    }

    /** Keep at most {@code max} findings (at least 1). */
    public Builder maxFindings(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxFindings: must be at least 1, got " + max);
      }
      this.maxFindings = max;
      return this;
    }

    /** Names leaf tensors (parameters) so findings about them say {@code parameter 'emb.weight'}. */
    public Builder names(Map<String, Tensor> parameters) {
      parameters.forEach((name, t) -> names.put(t, name));
      return this;
    }

    /** The options. */
    public AnomalyOptions build() {
      return new AnomalyOptions(this);
    }
  }
}
