package io.nanguard.demo.examples;

import io.nanguard.Guarded;
import io.nanguard.tensor.Tensor;

/**
 * Standardisation (x - mean) / std along the last dim, with std written by hand: a constant row
 * has std 0, so the value is 0 / 0 = NaN and sqrt's gradient at 0 is infinite.
 */
public class Standardize {

  @Guarded
  public Tensor apply(Tensor x) {
    Tensor centered = x.sub(x.mean(1).unsqueeze(1));
    Tensor std = centered.square().mean(1).sqrt().unsqueeze(1);
    return centered.div(std);
  }
}
