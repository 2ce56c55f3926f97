package io.nanguard.ops;

/**
 * What goes wrong at a singular point: the forward value itself is non-finite, or the value is
 * finite but the gradient is not (the sqrt-at-0 case that frameworks only notice after the fact).
 */
public enum Failure {
  /** The op's value is NaN or infinite. */
  FORWARD,
  /** The value is finite but the local derivative is infinite or undefined. */
  GRADIENT;

  /** A short phrase for messages. */
  public String describe() {
    return this == FORWARD ? "non-finite value" : "finite value but non-finite gradient";
  }
}
