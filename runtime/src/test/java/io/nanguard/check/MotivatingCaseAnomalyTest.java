package io.nanguard.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nanguard.nn.Embedding;
import io.nanguard.optim.Sgd;
import io.nanguard.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The SPEC's motivating case under the checker: the two hand-written sqrt lines are flagged
 * before any NaN exists, the NaN gradient is blamed on the same sqrt lines, the parameter rows
 * 0 and 7 are named, and the parameters stay untouched.
 */
class MotivatingCaseAnomalyTest {

  private static final String FILE = "MotivatingCaseAnomalyTest.java";
  private static final AnomalyOptions COLLECT = AnomalyOptions.builder().collectAll().build();

  private final Embedding emb = new Embedding(8, 4, new Random(42));
  private final Tensor w = emb.weight();
  private int d1Line;
  private int d2Line;

  /** loss = mean(|d1 + d2 - dist(v0, vN)|) with hand-written sqrt distances. */
  private Tensor handWrittenLoss() {
    Tensor e = emb.forward(0, 1, 2, 3, 4, 5, 6, 7);
    Tensor v0 = w.select(0, 0).unsqueeze(0);
    Tensor vn = w.select(0, 7).unsqueeze(0);
    Tensor d1 = v0.sub(e).square().sum(1).sqrt(); d1Line = Here.line();
    Tensor d2 = vn.sub(e).square().sum(1).sqrt(); d2Line = Here.line();
    return d1.add(d2).sub(w.select(0, 0).dist(w.select(0, 7))).abs().mean();
  }

  @Test
  void collectModeNamesBothSqrtLinesThenTheNanGradientAndLeavesParametersAlone() {
    double[] before = w.toArray();
    Sgd sgd = new Sgd(List.of(w), 0.1);
    NonFiniteException thrown = assertThrows(NonFiniteException.class, () -> {
      try (Anomaly anomaly = Anomaly.detect(COLLECT)) {
        handWrittenLoss().backward();
        if (!anomaly.report().hasErrors()) {
          sgd.step();
        }
      }
    });
    assertArrayEquals(before, w.toArray(), "a failed check never reaches the parameters");

    List<Finding> f = thrown.report().findings();
    assertEquals(5, f.size(), thrown.report().toString());
    assertFinding(f.get(0), FindingKind.UNSAFE_INPUT, "sqrt", d1Line, List.of(0));
    assertFinding(f.get(1), FindingKind.UNSAFE_INPUT, "sqrt", d2Line, List.of(7));
    assertTrue(f.get(0).message().contains("while a gradient flows"), f.get(0).message());
    assertTrue(f.get(0).message().contains("sqrt(s + 1e-8)"), "the usual fix: " + f.get(0).message());

    // The NaN gradient is blamed on the sqrt lines themselves, in forward order.
    List<Finding> blamed = List.of(f.get(2), f.get(3));
    assertEquals(List.of(FindingKind.NON_FINITE_GRADIENT, FindingKind.NON_FINITE_GRADIENT),
        blamed.stream().map(Finding::kind).toList());
    assertEquals(List.of("sqrt", "sqrt"), blamed.stream().map(Finding::op).toList());
    assertEquals(List.of(d1Line, d2Line), blamed.stream().map(x -> x.site().line()).toList());
    assertTrue(blamed.get(0).message().contains("its input was 0.0"), blamed.get(0).message());

    Finding leaf = f.get(4);
    assertEquals(FindingKind.NON_FINITE_GRADIENT, leaf.kind());
    assertEquals(List.of(0, 7), leaf.rows());
    assertEquals(List.of(8, 4), leaf.shape());
    assertTrue(leaf.message().contains("caused by sqrt at " + FILE + ":" + d1Line + ", sqrt at " + FILE + ":" + d2Line),
        leaf.message());
  }

  @Test
  void throwModeStopsInBackwardBeforeTheStep() {
    double[] before = w.toArray();
    Sgd sgd = new Sgd(List.of(w), 0.1);
    NonFiniteException thrown = assertThrows(NonFiniteException.class, () -> {
      try (Anomaly anomaly = Anomaly.detect()) {
        handWrittenLoss().backward();
        sgd.step();
      }
    });
    assertArrayEquals(before, w.toArray());
    List<Finding> f = thrown.report().findings();
    assertEquals(3, f.size(), "two warnings, then the first error: " + thrown.report());
    assertEquals(Severity.ERROR, f.get(2).severity());
    assertEquals("sqrt", f.get(2).op());
  }

  @Test
  void namedParametersAreNamedInTheReport() {
    AnomalyOptions named = AnomalyOptions.builder().collectAll().names(Map.of("emb.weight", w)).build();
    NonFiniteException thrown = assertThrows(NonFiniteException.class, () -> {
      try (Anomaly anomaly = Anomaly.detect(named)) {
        handWrittenLoss().backward();
      }
    });
    assertTrue(thrown.getMessage().contains("parameter 'emb.weight' [8, 4] is non-finite in rows [0, 7]"),
        thrown.getMessage());
  }

  @Test
  void checkGradientsNamesTheParameterInsteadOfRepeatingTheFinding() {
    NonFiniteException thrown = assertThrows(NonFiniteException.class, () -> {
      try (Anomaly anomaly = Anomaly.detect(COLLECT)) {
        handWrittenLoss().backward();
        anomaly.checkGradients(Map.of("emb.weight", w));
      }
    });
    List<Finding> f = thrown.report().findings();
    assertEquals(5, f.size(), thrown.getMessage());
    assertTrue(f.get(4).message().startsWith("gradient of parameter 'emb.weight' [8, 4] is non-finite in rows [0, 7]"),
        thrown.getMessage());
  }

  @Test
  void epsInsideTheSqrtAndDistProduceNoFinding() {
    try (Anomaly anomaly = Anomaly.detect(COLLECT)) {
      Tensor e = emb.forward(0, 1, 2, 3, 4, 5, 6, 7);
      Tensor v0 = w.select(0, 0).unsqueeze(0);
      Tensor vn = w.select(0, 7).unsqueeze(0);
      Tensor epsInside = v0.sub(e).square().sum(1).add(1e-8).sqrt()
          .add(vn.sub(e).square().sum(1).add(1e-8).sqrt())
          .sub(w.select(0, 0).dist(w.select(0, 7))).abs().mean();
      Tensor withNorm = v0.sub(e).norm(1).add(vn.sub(e).norm(1))
          .sub(w.select(0, 0).dist(w.select(0, 7))).abs().mean();
      epsInside.add(withNorm).backward();
      new Sgd(List.of(w), 0.1).step();
      anomaly.checkGradients(Map.of("w", w));
      anomaly.checkParameters(Map.of("w", w));
      assertTrue(anomaly.report().isEmpty(), anomaly.report().toString());
    }
  }

  private static void assertFinding(Finding f, FindingKind kind, String op, int line, List<Integer> indices) {
    assertEquals(kind, f.kind(), f.toString());
    assertEquals(kind.severity(), f.severity());
    assertEquals(op, f.op());
    assertEquals(FILE, f.site().file());
    assertEquals(line, f.site().line(), f.toString());
    assertEquals(indices, f.indices(), f.toString());
  }
}
