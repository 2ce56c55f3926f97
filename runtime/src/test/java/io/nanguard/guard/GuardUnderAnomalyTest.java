package io.nanguard.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.check.Anomaly;
import io.nanguard.check.NonFiniteException;
import io.nanguard.check.Site;
import io.nanguard.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** What the anomaly checker sees of guarded ops: nothing unsafe, and the user's line when a NaN arrives. */
class GuardUnderAnomalyTest {

  @Test
  void aGuardedSqrtAtZeroIsNotFlagged() {
    Tensor x = Tensor.zeros(3).requiresGrad(true);
    try (Anomaly a = Anomaly.detect()) {
      Guard.sqrt(x.square().sum(), 1e-8, "LatentLoss.java:19").backward();
      assertTrue(a.report().isEmpty(), a.report().toString());
    }
  }

  @Test
  void aNanArrivingAtAGuardIsReportedAtTheUsersLine() {
    Tensor x = Tensor.of(1, Double.NaN);
    NonFiniteException e;
    try (Anomaly a = Anomaly.detect()) {
      e = assertThrows(NonFiniteException.class, () -> Guard.log(x, 1e-8, "LatentLoss.java:23"));
    }
    assertFalse(e.report().findings().isEmpty());
    Site site = e.report().findings().get(0).site();
    assertEquals(new Site("LatentLoss.java", 23, ""), site, e.report().toString());
  }
}
