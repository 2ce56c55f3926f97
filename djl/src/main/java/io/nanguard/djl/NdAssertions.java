package io.nanguard.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.nanguard.check.GradientReport;
import io.nanguard.junit.NanAssertions;
import io.nanguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * JUnit 5 assertions about DJL arrays and blocks, with the row-level failure messages of
 * {@link NanAssertions} (the values are copied to the host and checked by the same code).
 */
public final class NdAssertions {

  private NdAssertions() {}

  /** Fails unless every element of {@code a} is finite, naming the rows that are not. */
  public static void assertFinite(NDArray a) {
    NanAssertions.assertFinite(Tensor.of(NdValues.doubles(a), NdValues.shape(a)));
  }

  /**
   * Fails unless every parameter of {@code block} that takes a gradient has one and it is
   * finite; the message is the {@link GradientReport} table with DJL's parameter names.
   */
  public static void assertGradientsFinite(Block block) {
    List<GradientReport.Entry> entries = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter param = p.getValue();
      if (!param.requiresGradient()) {
        continue;
      }
      NDArray array = param.isInitialized() ? param.getArray() : null;
      double[] grad = null;
      if (array != null && array.hasGradient()) {
        try (NDArray g = array.getGradient()) {
          grad = NdValues.doubles(g);
        }
      }
      int[] shape = array == null ? new int[0] : NdValues.shape(array);
      entries.add(GradientReport.entry(p.getKey(), shape, grad));
    }
    NanAssertions.assertGradientsFinite(GradientReport.ofEntries(entries));
  }
}
