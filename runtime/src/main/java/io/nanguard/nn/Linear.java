package io.nanguard.nn;

import io.nanguard.tensor.Tensor;
import java.util.List;
import java.util.Random;

/**
 * An affine layer y = x W^T + b (PyTorch's {@code nn.Linear}), with W of shape (out, in) and
 * both initialised uniformly in [-1/sqrt(in), 1/sqrt(in)] as PyTorch does.
 */
public final class Linear {

  private final Tensor weight;
  private final Tensor bias;

  public Linear(int in, int out, Random random) {
    if (in <= 0 || out <= 0) {
      throw new IllegalArgumentException("Linear: in and out must be positive, got " + in + " -> " + out);
    }
    double bound = 1 / Math.sqrt(in);
    this.weight = uniform(random, bound, out, in);
    this.bias = uniform(random, bound, out);
  }

  /** Applies the layer to x of shape (batch, in) or (in). */
  public Tensor forward(Tensor x) {
    int in = weight.size(1);
    if (x.dim() == 0 || x.size(-1) != in) {
      throw new IllegalArgumentException("Linear.forward: input shape " + java.util.Arrays.toString(x.shape())
          + " does not end in " + in + " features (weight shape " + java.util.Arrays.toString(weight.shape()) + ")");
    }
    return x.matmul(weight.t()).add(bias);
  }

  public Tensor weight() {
    return weight;
  }

  public Tensor bias() {
    return bias;
  }

  /** Weight then bias, for optimizers. */
  public List<Tensor> parameters() {
    return List.of(weight, bias);
  }

  private static Tensor uniform(Random random, double bound, int... shape) {
    Tensor t = Tensor.zeros(shape);
    double[] d = t.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = (random.nextDouble() * 2 - 1) * bound;
    }
    return t.requiresGrad(true);
  }
}
