package io.nanguard.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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
  void fiveThousandNestedSqrts() {
    String expr = "Math.sqrt(".repeat(5000) + "d" + ")".repeat(5000);
    List<List<String>> w = new ArrayList<>();
    // javac itself recurses once per nesting level: the compile gets a deep stack of its own.
    Thread compile = new Thread(null, () -> w.add(Sources.compile(Sources.loss("    return " + expr + ";")).describe()),
        "deep-expression", DEEP_STACK);
    assertTimeoutPreemptively(HANG, () -> {
      compile.start();
      compile.join();
    });
    assertThat(w).hasSize(1);
    // The innermost sqrt's argument may be negative; the outer ones only risk their gradient.
    assertThat(w.get(0).get(0)).contains("sqrt of a value in (-inf, inf)");
    assertThat(w.get(0).get(1)).contains("sqrt of a value in [0, inf)");
  }
}
