package io.nanguard.demo;

import io.nanguard.Guarded;
import io.nanguard.tensor.Tensor;

/**
 * The motivating case as a user writes it: every latent code should lie on the segment between
 * code 0 and code n-1, so d1 + d2 should equal the length of that segment. Written the obvious
 * way, with a hand-written Euclidean distance, its gradient is NaN for codes 0 and n-1.
 *
 * <p>NaNGuard's processor warns on both sqrt lines at compile time and generates
 * {@code GuardedLatentLoss}, which overrides {@link #segment} with an epsilon-safe body.
 */
public class LatentLoss {

  /** mean(|d1 + d2 - dist(v0, vN)|) over all codes, for the table {@code codes} (n x dim). */
  @Guarded
  public Tensor segment(Tensor codes) {
    int n = codes.size(0);
    Tensor v0 = codes.select(0, 0).unsqueeze(0);
    Tensor vN = codes.select(0, n - 1).unsqueeze(0);
    Tensor d1 = v0.sub(codes).square().sum(1).sqrt();
    Tensor d2 = vN.sub(codes).square().sum(1).sqrt();
    Tensor span = codes.select(0, 0).dist(codes.select(0, n - 1));
    return d1.add(d2).sub(span).abs().mean();
  }

  /**
   * The segment loss plus a hinge that only acts if codes 0 and n-1 come closer than
   * {@code minSpan}: the segment loss alone is also minimised by collapsing every code onto one
   * point.
   */
  public Tensor withSeparation(Tensor codes, double minSpan) {
    int n = codes.size(0);
    Tensor span = codes.select(0, 0).dist(codes.select(0, n - 1));
    return segment(codes).add(span.neg().add(minSpan).relu());
  }
}
