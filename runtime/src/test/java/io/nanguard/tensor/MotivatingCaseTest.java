package io.nanguard.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.nn.Embedding;
import io.nanguard.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The SPEC's motivating case: codes on the segment between code 0 and code n-1. A hand-written
 * sqrt at 0 gives NaN gradients in exactly rows 0 and n-1, as in PyTorch.
 */
class MotivatingCaseTest {

  private static final int N = 8;

  /** loss = mean(|d1 + d2 - dist(v0, vN)|) with d computed by the given distance. */
  private static Tensor loss(Embedding emb, BiFunction<Tensor, Tensor, Tensor> distance) {
    Tensor e = emb.forward(0, 1, 2, 3, 4, 5, 6, 7);
    Tensor v = emb.weight();
    Tensor v0 = v.select(0, 0).unsqueeze(0);
    Tensor vn = v.select(0, N - 1).unsqueeze(0);
    Tensor d1 = distance.apply(v0, e);
    Tensor d2 = distance.apply(vn, e);
    return d1.add(d2).sub(v.select(0, 0).dist(v.select(0, N - 1))).abs().mean();
  }

  private static List<Integer> nonFiniteRows(Tensor t) {
    List<Integer> rows = new ArrayList<>();
    for (int r = 0; r < t.size(0); r++) {
      for (int c = 0; c < t.size(1); c++) {
        if (!Double.isFinite(t.get(r, c))) {
          rows.add(r);
          break;
        }
      }
    }
    return rows;
  }

  private static Embedding embedding() {
    return new Embedding(N, 4, new Random(42));
  }

  @Test
  void handWrittenSqrtGivesNanInRowsZeroAndLast() {
    Embedding emb = embedding();
    Tensor loss = loss(emb, (a, e) -> a.sub(e).square().sum(1).sqrt());
    assertTrue(Double.isFinite(loss.item()), "forward is finite");
    loss.backward();
    assertEquals(List.of(0, N - 1), nonFiniteRows(emb.weight().grad()));
  }

  @Test
  void epsInsideTheSumFixesIt() {
    Embedding emb = embedding();
    loss(emb, (a, e) -> a.sub(e).square().add(1e-8).sum(1).sqrt()).backward();
    assertEquals(List.of(), nonFiniteRows(emb.weight().grad()));
  }

  @Test
  void epsAddedToTheLossDoesNothing() {
    Embedding emb = embedding();
    loss(emb, (a, e) -> a.sub(e).square().sum(1).sqrt()).add(1e-8).backward();
    assertEquals(List.of(0, N - 1), nonFiniteRows(emb.weight().grad()));
  }

  @Test
  void normAndDistHaveFiniteGradients() {
    Embedding emb = embedding();
    loss(emb, (a, e) -> a.sub(e).norm(1)).backward();
    assertEquals(List.of(), nonFiniteRows(emb.weight().grad()));
  }

  @Test
  void oneSgdStepTurnsExactlyThoseRowsNan() {
    Embedding emb = embedding();
    loss(emb, (a, e) -> a.sub(e).square().sum(1).sqrt()).backward();
    Sgd sgd = new Sgd(List.of(emb.weight()), 0.1);
    sgd.step();
    assertEquals(List.of(0, N - 1), nonFiniteRows(emb.weight()));
    assertFalse(nonFiniteRows(emb.weight()).contains(3));
  }
}
