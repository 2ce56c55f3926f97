package io.nanguard.processor;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The control-flow forms whose unsafe ops an earlier analysis missed, each with the case that
 * hid the op and a safe twin that must stay quiet: switch-expression arms are separate paths,
 * a break leaves with the state at the break, untyped lambda parameters and values of unknown
 * type may be floating, and a block's locals go out of scope.
 */
class ControlFlowSoundnessTest {

  private static List<String> warnings(String... body) {
    return Sources.compile(Sources.loss(body)).describe();
  }

  @Test
  void switchExpressionArmsAreSeparatePaths() {
    // Read in order, the first arm's v = 1 would reach the default arm, whose v is 0.
    List<String> w = warnings("    double v = 0;",
        "    double r = switch ((int) d) { case 0 -> { v = 1; yield 1.0; } default -> Math.log(v); };",
        "    return r;");
    assertThat(w).hasSize(1);
    assertThat(w.get(0)).startsWith((Sources.FIRST_BODY_LINE + 1) + ": [nanguard:log]");
    // After the switch, v is 0 or 2, not just the last arm's 2.
    assertThat(warnings("    double v = 1;",
        "    double r = switch ((int) d) { case 0 -> { v = 0; yield 1.0; } default -> { v = 2; yield 2.0; } };",
        "    return Math.log(v) + r;")).hasSize(1);
    // The switch's value is the join of its arms' values: both positive, so log is safe.
    assertThat(warnings("    double r = switch ((int) d) { case 0 -> 2.0; default -> { yield 1.0; } };",
        "    return Math.log(r);")).isEmpty();
  }

  @Test
  void oldStyleCasesFallThrough() {
    assertThat(warnings("    double v = 1;",
        "    switch ((int) d) { case 0: v = 0; case 1: return Math.log(v); default: break; }",
        "    return v;")).hasSize(1);
  }

  @Test
  void aBreakLeavesWithTheStateAtTheBreak() {
    assertThat(warnings("    double v = 1;",
        "    outer: while (d > 0) { v = 0; if (d > 1) { break outer; } v = 1; d = d - 1; }",
        "    return Math.log(v);")).hasSize(1);
    assertThat(warnings("    double v = 0;",
        "    block: { if (d > 0) { break block; } v = 1; }",
        "    return Math.log(v);")).hasSize(1);
    assertThat(warnings("    double v = 1;",
        "    for (int i = 0; i < 3; i++) { for (int j = 0; j < 3; j++) { v = 0; if (j > i) { continue; } v = 1; } }",
        "    return Math.log(v);")).hasSize(1);
    // Safe twin: every path to the exit has v = 1.
    assertThat(warnings("    double v = 1;",
        "    outer: while (d > 0) { v = 0; v = 1; if (d > 1) { break outer; } d = d - 1; }",
        "    return Math.log(v);")).isEmpty();
  }

  @Test
  void untypedLambdaParametersMayBeFloating() {
    List<String> w = warnings("    java.util.function.DoubleBinaryOperator f = (a, b) -> a / b;",
        "    return f.applyAsDouble(d, d);");
    assertThat(w).hasSize(1);
    assertThat(w.get(0)).contains("[nanguard:div]");
  }

  @Test
  void aStreamSumIsNotAnIntegerDivisor() {
    assertThat(warnings("    int n = 3;",
        "    return n / java.util.stream.DoubleStream.of(d, pd).sum();")).hasSize(1);
    assertThat(warnings("    int n = 3;", "    int k = (int) d;", "    return n / k;")).isEmpty();
  }

  @Test
  void aBlocksLocalsGoOutOfScope() {
    Sources.Result r = Sources.compile(JavaFileObjects.forSourceLines("p.Scope",
        "package p;",
        "import io.nanguard.Guarded;",
        "public class Scope {",
        "  int n = 2;",
        "  @Guarded",
        "  public double f(double x) {",
        "    double s = 0;",
        "    { double n = x; s = s + n; }",
        "    for (double n = 0; n < 1; n++) { s = s + n; }",
        "    return s + 7 / n;", // the int field: an integer division
        "  }",
        "}"));
    assertThat(r.describe()).isEmpty();
  }
}
