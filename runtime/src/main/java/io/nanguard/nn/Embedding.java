package io.nanguard.nn;

import io.nanguard.tensor.Tensor;
import java.util.Random;

/**
 * A lookup table of {@code count} trainable vectors of size {@code dim} (PyTorch's
 * {@code nn.Embedding}), initialised from N(0, 1).
 */
public final class Embedding {

  private final Tensor weight;

  public Embedding(int count, int dim, Random random) {
    if (count <= 0 || dim <= 0) {
      throw new IllegalArgumentException("Embedding: count and dim must be positive, got " + count + " x " + dim);
    }
    this.weight = Tensor.randn(random, count, dim).requiresGrad(true);
  }

  /** The rows at the given indices, shape (idx.length, dim). */
  public Tensor forward(int... idx) {
    int count = weight.size(0);
    for (int j = 0; j < idx.length; j++) {
      if (idx[j] < 0 || idx[j] >= count) {
        throw new IllegalArgumentException("Embedding.forward: index " + idx[j] + " (position " + j
            + ") out of range for an embedding table of " + count + " rows");
      }
    }
    return weight.indexSelect(0, idx);
  }

  /** The table itself, shape (count, dim): the trainable parameter. */
  public Tensor weight() {
    return weight;
  }
}
