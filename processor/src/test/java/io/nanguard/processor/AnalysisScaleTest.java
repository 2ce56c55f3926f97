package io.nanguard.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.nanguard.ops.Failure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards against analysis time that grows exponentially with loop nesting or superlinearly with
 * method length: each case compiles in seconds (the timeouts are generous hang detectors, not
 * performance numbers, which are in docs/benchmarks.md), and the warning still appears.
 */
class AnalysisScaleTest {

  private static final Duration HANG = Duration.ofSeconds(60);
  private static final long DEEP_STACK = 1L << 30;

  @Test
  void thirtyTwoNestedLoops() {
    List<String> body = new ArrayList<>();
    body.add("    double s = 1;");
    for (int i = 0; i < 32; i++) {
      body.add("    for (int i" + i + " = 0; i" + i + " < 2; i" + i + "++) { s = s + 1;");
    }
    body.add("    s = s - 3;");
    body.add("    " + "}".repeat(32));
    body.add("    return Math.log(s);");
    List<String> w = assertTimeoutPreemptively(HANG, () -> Sources.compile(Sources.loss(body.toArray(String[]::new))).describe());
    assertThat(w).hasSize(1);
    assertThat(w.get(0)).contains("[nanguard:log]");
  }

  @Test
  void tenThousandStatements() {
    List<String> body = new ArrayList<>();
    body.add("    double s = 1;");
    for (int i = 0; i < 10_000; i++) {
      body.add("    s = s + " + (i % 7) + ";");
    }
    body.add("    return Math.log(s - 1);");
    List<String> w = assertTimeoutPreemptively(HANG, () -> Sources.compile(Sources.loss(body.toArray(String[]::new))).describe());
    assertThat(w).isEmpty(); // s - 1 >= 1 + 6 * ... > 0: the sum is followed exactly, nothing lost
  }

  @Test
  void twoThousandNestedSqrts() {
    // javac alone needs seconds for this depth on a busy machine; the 5,000-deep case is measured in docs/compile-time.md.
    String expr = "Math.sqrt(".repeat(2000) + "d" + ")".repeat(2000);
    List<List<Failure>> w = new ArrayList<>(); // the failures of the findings handed to codegen
    // javac itself recurses once per nesting level: the compile gets a deep stack of its own.
    Thread compile = new Thread(null, () -> w.add(Sources.compile(Sources.loss("    return " + expr + ";")).handedOff().get(0).findings()
        .stream().map(f -> f.failure()).toList()),
        "deep-expression", DEEP_STACK);
    assertTimeoutPreemptively(HANG.multipliedBy(2), () -> {
      compile.start();
      compile.join();
    });
    assertThat(w).hasSize(1);
    // The innermost sqrt's argument may be negative; the outer ones only risk their gradient.
    assertThat(w.get(0)).hasSize(2000);
    assertThat(w.get(0).stream().filter(f -> f == Failure.FORWARD).count()).isEqualTo(1);
  }
}
