package io.nanguard.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.nanguard.djl.demo.SeedTraining;
import io.nanguard.djl.demo.SegmentLoss;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** NdAssertions fail with NanAssertions' row-level messages, and pass on finite values. */
class NdAssertionsTest {

  @Test
  void assertFiniteNamesTheRows() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] v = new float[8 * 4];
      v[1] = Float.NaN;
      v[7 * 4 + 2] = Float.POSITIVE_INFINITY;
      NDArray a = m.create(v, new Shape(8, 4));
      AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> NdAssertions.assertFinite(a));
      assertEquals("expected a finite tensor, but it holds NaN in rows [0, 7] (2 elements) of a tensor of shape [8, 4]",
          e.getMessage());
      NdAssertions.assertFinite(m.create(new float[] {1f, 2f}));
    }
  }

  @Test
  void assertGradientsFiniteNamesTheParameterAndRows() {
    try (SeedTraining t = new SeedTraining(new SegmentLoss())) {
      NDArray codes = t.codes();
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(new SegmentLoss().evaluate(new NDList(), new NDList(codes)));
      }
      AssertionFailedError e = assertThrows(AssertionFailedError.class,
          () -> NdAssertions.assertGradientsFinite(t.block()));
      assertTrue(e.getMessage().startsWith("expected finite gradients:\nparameter"), e.getMessage());
      assertTrue(e.getMessage().contains("codes      [8, 4]"), e.getMessage());
      assertTrue(e.getMessage().endsWith("8           [0, 7]"), e.getMessage());
    }
  }

  @Test
  void assertGradientsFinitePassesOnFiniteGradients() {
    try (SeedTraining t = new SeedTraining(new SegmentLoss())) {
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(t.codes().square().sum());
      }
      NdAssertions.assertGradientsFinite(t.block());
    }
  }
}
