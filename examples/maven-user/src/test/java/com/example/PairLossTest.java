package com.example;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.check.NonFiniteException;
import io.nanguard.junit.NanChecked;
import org.junit.jupiter.api.Test;

class PairLossTest {

  @Test
  @NanChecked // fails the test with the checker's report if any op meets NaN, inf or an unsafe input
  void guardedLossTrainsWithoutFindings() {
    double first = Train.train(new GuardedPairLoss(), 1);
    double last = Train.train(new GuardedPairLoss(), 200);
    assertTrue(last < first / 10, "loss " + first + " -> " + last);
  }

  @Test
  void handWrittenLossStopsAtItsFirstNaNGradient() {
    NonFiniteException e = assertThrows(NonFiniteException.class, () -> Train.train(new PairLoss(), 1));
    assertTrue(e.getMessage().contains("PairLoss.java:10: warning: [nanguard:sqrt] sqrt input is 0.0"), e.getMessage());
    assertTrue(e.getMessage().contains("PairLoss.java:10: error: [nanguard:sqrt] backward of sqrt"), e.getMessage());
  }
}
