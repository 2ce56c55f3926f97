package io.nanguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.tensor.Tensor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Scopes: on and off, nesting, thread confinement, close semantics. */
class AnomalyScopeTest {

  private static Tensor sqrtAtZeroWithGrad() {
    return Tensor.of(0.0, 1.0).requiresGrad(true).sqrt();
  }

  @Test
  void checkingIsOffOutsideAScope() {
    assertFalse(Anomaly.isActive());
    Anomaly a = Anomaly.detect(Checked.COLLECT);
    assertTrue(Anomaly.isActive());
    a.close();
    assertFalse(Anomaly.isActive());
    sqrtAtZeroWithGrad();
    Tensor.of(0.0).log();
    assertTrue(a.report().isEmpty(), "ops after close are not seen: " + a.report());
  }

  @Test
  void innerScopeGetsFindingsWhileOpenAndHandsThemToTheOuterScope() {
    try (Anomaly outer = Anomaly.detect(Checked.COLLECT)) {
      sqrtAtZeroWithGrad();
      try (Anomaly inner = Anomaly.detect(Checked.COLLECT)) {
        Tensor.of(0.0).requiresGrad(true).sqrt(); // another line: a distinct finding
        assertEquals(1, inner.report().findings().size());
        assertEquals(1, outer.report().findings().size(), "while the inner scope is open it takes the findings");
      }
      assertEquals(2, outer.report().findings().size());
      Tensor.of(0.0).requiresGrad(true).sqrt();
      assertEquals(3, outer.report().findings().size());
    }
  }

  @Test
  void innerThrowModeScopeThrowsInsideACollectingOuterScope() {
    try (Anomaly outer = Anomaly.detect(Checked.COLLECT)) {
      NonFiniteException e = assertThrows(NonFiniteException.class, () -> {
        try (Anomaly inner = Anomaly.detect()) {
          Tensor.of(0.0).log();
        }
      });
      assertEquals(2, e.report().findings().size());
      assertTrue(Anomaly.isActive(), "the outer scope is still checking");
      outer.checkOwner("test");
    } catch (NonFiniteException outerClose) {
      // The outer scope absorbed the inner errors, which were already thrown: it must not throw again.
      throw new AssertionError("outer scope rethrew already thrown errors", outerClose);
    }
  }

  @Test
  void anOuterCollectingScopeStillThrowsItsOwnErrorsAfterAbsorbingAnInnerScope() {
    Anomaly outer = Anomaly.detect(Checked.COLLECT);
    Tensor.of(0.0).log(); // the outer scope's own error, not thrown yet
    assertThrows(NonFiniteException.class, () -> {
      try (Anomaly inner = Anomaly.detect()) {
        Tensor.of(-1.0).sqrt();
      }
    });
    NonFiniteException e = assertThrows(NonFiniteException.class, outer::close);
    assertEquals(4, e.report().findings().size(), e.getMessage());
  }

  @Test
  void collectModeCloseThrowsOnlyForErrors() {
    Anomaly warningsOnly = Anomaly.detect(Checked.COLLECT);
    sqrtAtZeroWithGrad();
    warningsOnly.close(); // no throw
    assertEquals(1, warningsOnly.report().findings().size());

    Anomaly withError = Anomaly.detect(Checked.COLLECT);
    Tensor.of(0.0).log();
    NonFiniteException e = assertThrows(NonFiniteException.class, withError::close);
    assertEquals(withError.report().toString(), e.getMessage());
    withError.close(); // closing twice does nothing
  }

  @Test
  void closingOutOfOrderIsRefused() {
    Anomaly outer = Anomaly.detect(Checked.COLLECT);
    Anomaly inner = Anomaly.detect(Checked.COLLECT);
    IllegalStateException e = assertThrows(IllegalStateException.class, outer::close);
    assertTrue(e.getMessage().contains("innermost first"), e.getMessage());
    inner.close();
    outer.close();
    assertFalse(Anomaly.isActive());
  }

  @Test
  void otherThreadsAreNotCheckedAndCannotCloseTheScope() throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (Anomaly a = Anomaly.detect(Checked.COLLECT)) {
      Thread t = new Thread(() -> {
        try {
          assertFalse(Anomaly.isActive());
          sqrtAtZeroWithGrad().sum().backward(); // unchecked here: no finding for a
          a.close();
        } catch (Throwable e) {
          failure.set(e);
        }
      }, "worker");
      t.start();
      t.join();
      assertTrue(a.report().isEmpty(), a.report().toString());
    }
    assertTrue(failure.get() instanceof IllegalStateException, String.valueOf(failure.get()));
    assertTrue(failure.get().getMessage().contains("belongs to thread"), failure.get().getMessage());
  }

  @Test
  void nullOptionsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Anomaly.detect(null));
    assertFalse(Anomaly.isActive());
  }

  @Test
  void maxFindingsCapsTheReport() {
    AnomalyOptions o = AnomalyOptions.builder().collectAll().maxFindings(1).build();
    try (Anomaly a = Anomaly.detect(o)) {
      sqrtAtZeroWithGrad();
      sqrtAtZeroWithGrad(); // the same finding again is dropped, not counted
      Tensor.of(0.0).requiresGrad(true).sqrt();
      assertEquals(1, a.report().findings().size());
      assertEquals(1, a.report().omitted());
    }
  }

  @Test
  void optionsRejectNonsense() {
    assertThrows(IllegalArgumentException.class, () -> AnomalyOptions.builder().gradientNormThreshold(0));
    assertThrows(IllegalArgumentException.class, () -> AnomalyOptions.builder().gradientGrowthFactor(1));
    assertThrows(IllegalArgumentException.class, () -> AnomalyOptions.builder().maxFindings(0));
  }
}
