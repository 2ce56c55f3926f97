package io.nanguard.junit;

import io.nanguard.check.Finiteness;
import io.nanguard.check.GradientReport;
import io.nanguard.check.Gradcheck;
import io.nanguard.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assertions;

/** JUnit 5 assertions about tensors, with failure messages that name the offending rows. */
public final class NanAssertions {

  private NanAssertions() {}

  /** Fails unless every element of t is finite. */
  public static void assertFinite(Tensor t) {
    String bad = Finiteness.describe(t);
    if (bad != null) {
      Assertions.fail("expected a finite tensor, but it holds " + bad);
    }
  }

  /**
   * Fails unless every parameter has a gradient and every gradient is finite; the message is the
   * {@link GradientReport} table.
   */
  public static void assertGradientsFinite(Tensor... params) {
    Map<String, Tensor> named = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i++) {
      named.put("param" + i, params[i]);
    }
    assertGradientsFinite(GradientReport.of(named));
  }

  /**
   * Fails unless every parameter of the report has a gradient and every gradient is finite; the
   * message is the report's table. For parameters of other tensor libraries (see
   * {@link GradientReport#ofEntries}).
   */
  public static void assertGradientsFinite(GradientReport report) {
    boolean missing = report.entries().stream().anyMatch(e -> !e.hasGradient());
    if (missing || !report.allFinite()) {
      Assertions.fail((missing ? "expected every parameter to have a gradient" : "expected finite gradients")
          + ":\n" + report);
    }
  }

  /** Fails unless autograd agrees with finite differences ({@link Gradcheck}) at the given point. */
  public static void assertGradcheck(Gradcheck.Fn fn, Tensor... inputs) {
    Gradcheck.Result result = Gradcheck.check(fn, inputs);
    if (!result.passed()) {
      Assertions.fail(result.toString());
    }
  }
}
