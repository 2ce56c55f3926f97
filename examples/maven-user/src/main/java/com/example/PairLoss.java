package com.example;

import io.nanguard.Guarded;
import io.nanguard.tensor.Tensor;

/** Mean distance of every code to code 0 (row 0 of {@code codes} is at distance 0 from itself). */
public class PairLoss {
  @Guarded
  public Tensor loss(Tensor codes) {
    Tensor d = codes.sub(codes.select(0, 0)).square().sum(1).sqrt();
    return d.mean();
  }
}
