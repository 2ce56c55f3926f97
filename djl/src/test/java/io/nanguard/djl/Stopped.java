package io.nanguard.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.training.loss.Loss;
import io.nanguard.check.NonFiniteException;
import io.nanguard.check.Report;
import io.nanguard.djl.demo.SeedTraining;

/** Trains the seed's model with a listener that must stop EasyTrain.fit before the optimizer step. */
final class Stopped {

  private Stopped() {}

  /** The report of the NonFiniteException that stopped training; fails if the codes changed. */
  static Report beforeTheStep(Loss loss, NanGuardListener listener) {
    try (SeedTraining t = new SeedTraining(loss, listener)) {
      float[] before = t.codes().toFloatArray();
      NonFiniteException e = assertThrows(NonFiniteException.class, () -> t.fit(3));
      assertArrayEquals(before, t.codes().toFloatArray(), 0f, "the optimizer must not have run");
      return e.report();
    }
  }
}
