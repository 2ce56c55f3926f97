package io.nanguard.processor.testapi;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * A tiny float32 vector library that NaNGuard knows nothing about except through its
 * {@link VecApi} provider: the proof that a third library needs no edit of the processor. Its
 * logarithm is called {@code ln}, not {@code log}, so the provider's table does the mapping.
 */
public final class Vec {

  private final float[] values;

  private Vec(float[] values) {
    this.values = values;
  }

  /** A vector of these values. */
  public static Vec of(float... values) {
    return new Vec(values.clone());
  }

  /** Element i. */
  public float get(int i) {
    return values[i];
  }

  /** The number of elements. */
  public int size() {
    return values.length;
  }

  public Vec add(Vec o) {
    return zip(o, Float::sum);
  }

  public Vec sub(Vec o) {
    return zip(o, (a, b) -> a - b);
  }

  public Vec mul(Vec o) {
    return zip(o, (a, b) -> a * b);
  }

  public Vec div(Vec o) {
    return zip(o, (a, b) -> a / b);
  }

  /** Elementwise x^p, p a vector of exponents. */
  public Vec pow(Vec p) {
    return zip(p, (a, b) -> (float) Math.pow(a, b));
  }

  public Vec acos() {
    return map(Math::acos);
  }

  public Vec square() {
    return map(x -> x * x);
  }

  public Vec sqrt() {
    return map(Math::sqrt);
  }

  /** The natural logarithm. */
  public Vec ln() {
    return map(Math::log);
  }

  public Vec exp() {
    return map(Math::exp);
  }

  /** The one-element sum. */
  public Vec sum() {
    float s = 0;
    for (float v : values) {
      s += v;
    }
    return new Vec(new float[] {s});
  }

  /** Each element through f, rounded to float. */
  public Vec map(DoubleUnaryOperator f) {
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) f.applyAsDouble(values[i]);
    }
    return new Vec(out);
  }

  private Vec zip(Vec o, FloatBinary f) {
    if (o.values.length != values.length) {
      throw new IllegalArgumentException("Vec: sizes " + values.length + " and " + o.values.length + " differ");
    }
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.apply(values[i], o.values[i]);
    }
    return new Vec(out);
  }

  private interface FloatBinary {
    float apply(float a, float b);
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }
}
