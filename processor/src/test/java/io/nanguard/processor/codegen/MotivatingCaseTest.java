package io.nanguard.processor.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.nanguard.guard.GuardStats;
import io.nanguard.nn.Embedding;
import io.nanguard.optim.Sgd;
import io.nanguard.tensor.Tensor;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SPEC's motivating case end to end: the generated {@code GuardedLatentLoss} trains an
 * {@code Embedding(8, 4)} where the original turns rows 0 and 7 NaN on the first step.
 */
class MotivatingCaseTest {

  static final String SOURCE = """
      package com.x;

      import io.nanguard.Guarded;
      import io.nanguard.nn.Embedding;
      import io.nanguard.tensor.Tensor;
      import java.util.function.Function;

      /** Every code on the segment between code 0 and code n-1. */
      public class LatentLoss implements Function<Embedding, Tensor> {

        @Override
        @Guarded
        public Tensor apply(Embedding emb) {
          Tensor v = emb.weight();
          int n = v.size(0);
          Tensor e = emb.forward(0, 1, 2, 3, 4, 5, 6, 7);
          Tensor v0 = v.select(0, 0).unsqueeze(0);
          Tensor vn = v.select(0, n - 1).unsqueeze(0);
          Tensor d1 = v0.sub(e).square().sum(1).sqrt(); // 0 for e = v0
          Tensor d2 = vn.sub(e).square().sum(1).sqrt(); // 0 for e = vN
          return d1.add(d2).sub(v.select(0, 0).dist(v.select(0, n - 1))).abs().mean();
        }
      }
      """;

  private static ClassLoader loader;

  @BeforeAll
  static void compile() {
    Compilation c = Generated.compileClean("com.x.LatentLoss", SOURCE);
    Generated.assertGolden(c, "com.x.GuardedLatentLoss");
    loader = Generated.load(c);
  }

  private static Function<Embedding, Tensor> loss(String name) {
    return Generated.newInstance(loader, name);
  }

  @Test
  void originalTurnsRowsZeroAndSevenNan() {
    Embedding emb = new Embedding(8, 4, new Random(42));
    loss("com.x.LatentLoss").apply(emb).backward();
    assertTrue(Double.isNaN(emb.weight().grad().get(0, 0)), "premise: the original's gradient is NaN");
  }

  @Test
  void guardedClassTrainsWithoutNanAndWithoutCollapse() {
    GuardStats.reset();
    Embedding emb = new Embedding(8, 4, new Random(42));
    Function<Embedding, Tensor> loss = loss("com.x.GuardedLatentLoss");
    double initial = endpointDistance(emb);
    double last = Double.NaN;
    for (int step = 0; step < 500; step++) {
      // The loss is a mean of absolute values: plain SGD needs a decaying rate to settle below 1e-3.
      Sgd sgd = new Sgd(List.of(emb.weight()), 0.5 * Math.pow(0.995, step));
      sgd.zeroGrad();
      Tensor value = loss.apply(emb);
      value.backward();
      last = value.item();
      assertTrue(Double.isFinite(last), "loss at step " + step);
      for (double g : emb.weight().grad().toArray()) {
        assertTrue(Double.isFinite(g), "gradient at step " + step);
      }
      sgd.step();
    }
    assertTrue(last < 1e-3, "loss fell below 1e-3: " + last);
    assertTrue(endpointDistance(emb) > initial / 2, "codes 0 and 7 stay apart: " + endpointDistance(emb) + " vs " + initial);
    assertTrue(GuardStats.of("LatentLoss.java:19").engaged(), "the sqrt guard on line 19 saved rows 0 and 7");
  }

  private static double endpointDistance(Embedding emb) {
    Tensor v = emb.weight().detach();
    return v.select(0, 0).dist(v.select(0, 7)).item();
  }
}
