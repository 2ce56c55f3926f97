package io.nanguard.processor.analysis;

/**
 * What the analysis knows about the Java type of a value: enough to tell a floating-point
 * division (which may give inf/NaN) from an integer one (which throws instead), and a tensor
 * method chain from an unrelated call that happens to share a method name.
 */
public enum Kind {
  /** An {@code io.nanguard.tensor.Tensor} (or another tensor type given by an {@link io.nanguard.ops.api.ApiTable}). */
  TENSOR,
  /** double, float or their boxes. */
  FLOAT,
  /** A whole number: int, long, short, byte, char or their boxes. */
  INTEGRAL,
  /** Anything else, or not known (bodies are read before javac attributes them). */
  OTHER;

  /** The kind of a value that mixes two kinds (a join, or a binary operator's result). */
  public Kind join(Kind o) {
    if (this == o) {
      return this;
    }
    if ((this == FLOAT && o == INTEGRAL) || (this == INTEGRAL && o == FLOAT)) {
      return FLOAT;
    }
    return OTHER;
  }
}
