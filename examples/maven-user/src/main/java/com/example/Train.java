package com.example;

import io.nanguard.check.Anomaly;
import io.nanguard.nn.Embedding;
import io.nanguard.optim.Sgd;
import io.nanguard.tensor.Tensor;
import java.util.List;
import java.util.Random;

/** A checked training loop: every op of every step is checked, and a NaN stops it before the step. */
public final class Train {

  private Train() {}

  /** Trains 8 codes of dimension 4 with SGD for {@code steps} steps; returns the last loss. */
  public static double train(PairLoss pairLoss, int steps) {
    Embedding codes = new Embedding(8, 4, new Random(0));
    Sgd sgd = new Sgd(List.of(codes.weight()), 0.1);
    double last = Double.NaN;
    for (int step = 0; step < steps; step++) {
      try (Anomaly anomaly = Anomaly.detect()) { // throws NonFiniteException at the first NaN/inf
        sgd.zeroGrad();
        Tensor loss = pairLoss.loss(codes.weight());
        loss.backward();
        sgd.step();
        last = loss.item();
      }
    }
    return last;
  }

  public static void main(String[] args) {
    System.out.println("loss after 200 steps: " + train(new GuardedPairLoss(), 200));
  }
}
