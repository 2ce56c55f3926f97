package io.nanguard.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.JavaFileObjects;
import io.nanguard.processor.analysis.Finding;
import io.nanguard.processor.analysis.Fix;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** How the analysis follows locals, branches, loops and calls, and what it hands to codegen. */
class AnalysisTest {

  private static List<String> warnings(String... body) {
    return Sources.compile(Sources.loss(body)).describe();
  }

  @Test
  void localsFollowTheirAssignments() {
    assertThat(warnings("    Tensor s = nn.sum();", "    s = s.add(1);", "    return s.log();")).isEmpty();
    assertThat(warnings("    Tensor s = nn.sum();", "    s = s.sub(1);", "    return s.log();")).hasSize(1);
  }

  @Test
  void ifElseJoinsBothBranches() {
    List<String> w = warnings("    double v;", "    if (d > 3) { v = 1.0; } else { v = -1.0; }", "    return Math.log(v);");
    assertThat(w).hasSize(1);
    assertThat(w.get(0)).contains("[-1, 1]");
    assertThat(warnings("    double v;", "    if (d > 3) { v = 1.0; } else { v = 2.0; }", "    return Math.log(v);")).isEmpty();
  }

  @Test
  void conditionsNarrowTheBranchTheyGuard() {
    assertThat(warnings("    if (d > 0) { return Math.log(d); }", "    return 0.0;")).isEmpty();
    assertThat(warnings("    if (d <= 0) { return 0.0; }", "    return Math.log(d);")).isEmpty();
    assertThat(warnings("    return d != 0 ? 1.0 / d : 0.0;")).isEmpty();
    assertThat(warnings("    return d == 0 ? 1.0 / d : 0.0;")).hasSize(1);
    assertThat(warnings("    if (d >= 0) { return Math.log(d); }", "    return 0.0;")).hasSize(1);
  }

  @Test
  void loopsWidenToAFixpoint() {
    assertThat(warnings("    double s = 1;", "    while (d > 0) { s = s + 1; d = d - 1; }", "    return Math.log(s);")).isEmpty();
    List<String> w = warnings("    double s = 1;", "    for (int i = 0; i < 10; i++) { s = s - 0.25; }", "    return Math.log(s);");
    assertThat(w).hasSize(1);
    assertThat(w.get(0)).contains("(-inf, 1]");
  }

  @Test
  void longDependencyChainsInLoopsStillEndSoundly() {
    StringBuilder chain = new StringBuilder("    double a0 = 1");
    for (int i = 1; i <= 20; i++) {
      chain.append(", a").append(i).append(" = 1");
    }
    StringBuilder body = new StringBuilder("    while (d > 0) {");
    for (int i = 0; i < 20; i++) {
      body.append(" a").append(i).append(" = a").append(i + 1).append(" - 1;");
    }
    body.append(" }");
    List<String> w = warnings(chain + ";", body.toString(), "    return Math.log(a0);");
    assertThat(w).hasSize(1);
    assertThat(w.get(0)).contains("[nanguard:log]");
  }

  @Test
  void integerDivisionIsNotAFloatingPointHazard() {
    assertThat(warnings("    int n = (int) d;", "    return 3 / n;")).isEmpty();
    assertThat(warnings("    int n = (int) d;", "    return 3.0 / n;")).hasSize(1);
  }

  @Test
  void callsUseTheCalleesRangeAnnotationsAndDistanceMeansNonNegative() {
    JavaFileObject file = JavaFileObjects.forSourceLines("p.C",
        "package p;",
        "import io.nanguard.*;",
        "import io.nanguard.tensor.Tensor;",
        "public class C {",
        "  @Positive double scale(double x) { return 1 + x * x; }",
        "  double unknown(double x) { return x; }",
        "  @Distance public Tensor dist(Tensor a, Tensor b) { return a.dist(b); }",
        "  @Guarded public double f(double x, Tensor a, Tensor b) {",
        "    double safe = Math.log(scale(x)) + Math.log(dist(a, b).add(1).item());",
        "    double bad = Math.log(unknown(x));",
        "    Tensor grad = dist(a, b).sqrt();",
        "    return safe + bad + grad.item();",
        "  }",
        "}");
    Sources.Result r = Sources.compile(file);
    assertThat(r.describe()).hasSize(2);
    assertThat(r.compilation()).hadWarningContaining("[nanguard:log]").inFile(file).onLine(10);
    assertThat(r.compilation()).hadWarningContaining("[nanguard:sqrt] sqrt of 'dist(a, b)', a value in [0, inf)").inFile(file).onLine(11);
  }

  @Test
  void staticallyImportedMathAndFieldConstantsAreUnderstood() {
    JavaFileObject file = JavaFileObjects.forSourceLines("p.K",
        "package p;",
        "import static java.lang.Math.*;",
        "import io.nanguard.Guarded;",
        "public class K {",
        "  static final double EPS = 1e-6;",
        "  @Guarded public double f(double x) {",
        "    return sqrt(x * x + EPS) + log(x);",
        "  }",
        "}");
    Sources.Result r = Sources.compile(file);
    assertThat(r.describe()).hasSize(1);
    assertThat(r.describe().get(0)).contains("[nanguard:log]");
  }

  @Test
  void fixesNameTheGuardMethodTheTargetAndTheArguments() {
    assertThat(fix("return x.div(nn.sum());")).isEqualTo("divisor nn.sum() [nn.sum()]");
    assertThat(fix("return 1.0 / (d - 1);")).isEqualTo("divisor (d - 1) [(d - 1)]");
    assertThat(fix("return nn.pow(0.5);")).isEqualTo("pow nn.pow(0.5) [nn, 0.5]");
    assertThat(fix("return Math.acos(d);")).isEqualTo("acos Math.acos(d) [d]");
    assertThat(fix("return x.exp().sum(1).log();")).isEqualTo("logSumExp x.exp().sum(1).log() [x, 1]");
    assertThat(fix("return x.exp().sum(1, true).log();"))
        .isEqualTo("logSumExp x.exp().sum(1, true).log() [x, 1, true]");
    assertThat(fix("return x.softmax(1).log();")).isEqualTo("logSoftmax x.softmax(1).log() [x, 1]");
    assertThat(fix("return x.sigmoid().log();")).isEqualTo("logSigmoid x.sigmoid().log() [x]");
    assertThat(fix("return Math.log(1 + d);")).isEqualTo("log1p Math.log(1 + d) [d]");
    assertThat(fix("return x.exp().div(x.exp().sum(1, true));"))
        .isEqualTo("softmax x.exp().div(x.exp().sum(1, true)) [x, 1]");
    assertThat(fix("return x.square().mean().sub(x.mean().square()).sqrt();"))
        .isEqualTo("sqrt x.square().mean().sub(x.mean().square()).sqrt() [x.square().mean().sub(x.mean().square())]");
  }

  @Test
  void compositionsSplitOverStableLocalsAreRewrittenAtTheOuterOp() {
    List<Finding> findings = Sources.compile(Sources.loss(
        "    Tensor e = x.exp();", "    Tensor s = e.sum(1);", "    return s.log();")).handedOff().get(0).findings();
    // x is a parameter never assigned: its name means the same tensor at s.log() as at x.exp().
    assertThat(findings.stream().map(f -> describe(f.fix())).collect(Collectors.toList()))
        .containsExactly("exp x.exp() [x]", "logSumExp s.log() [x, 1]");
  }

  @Test
  void compositionsOverAReassignedOperandGetRangeGuardsAndNameTheStableOp() {
    Sources.Result r = Sources.compile(Sources.loss(
        "    Tensor z = x;", "    Tensor e = z.exp();", "    z = pos;", "    Tensor s = e.sum(1);", "    return s.log();"));
    List<Finding> findings = r.handedOff().get(0).findings();
    // z no longer holds the exp's input at s.log(): logSumExp(z, 1) would be wrong there.
    assertThat(findings.stream().map(f -> describe(f.fix())).collect(Collectors.toList()))
        .containsExactly("exp z.exp() [z]", "log s.log() [s]");
    assertThat(r.compilation()).hadWarningContaining("call logSumExp(x, dim) instead")
        .inFile(r.compilation().sourceFiles().get(0)).onLine(Sources.FIRST_BODY_LINE + 4);
  }

  @Test
  void aRecognisedCompositionFlowsOnWithTheRangeOfItsStableOp() {
    Sources.Result r = Sources.compile(Sources.loss(
        "    Tensor p = x.exp().div(x.exp().sum(1, true));", "    return p.log();"));
    List<Finding> findings = r.handedOff().get(0).findings();
    assertThat(findings.stream().map(f -> describe(f.fix())).collect(Collectors.toList()))
        .containsExactly("softmax x.exp().div(x.exp().sum(1, true)) [x, 1]", "logSoftmax p.log() [x, 1]");
    // p is a softmax once guarded: in [0, 1], not the unknown range of a division by a sum.
    assertThat(findings.get(1).range().toString()).isEqualTo("[0, 1]");
  }

  @Test
  void awkwardBodiesNeverCrashTheProcessor() {
    JavaFileObject file = JavaFileObjects.forSourceLines("p.W",
        "package p;",
        "import io.nanguard.*;",
        "import io.nanguard.tensor.Tensor;",
        "import java.util.*;",
        "import java.util.function.*;",
        "public class W {",
        "  @Guarded public <T extends Number> double f(List<T> xs, double[] a, int k) throws Exception {",
        "    double s = 0;",
        "    outer: for (T t : xs) { for (double v : a) { if (v > 3) continue outer; s += v / t.doubleValue(); } }",
        "    DoubleUnaryOperator op = v -> Math.sqrt(v);",
        "    Runnable r = new Runnable() { public void run() { Math.log(0); } };",
        "    switch (k) { case 1: s++; break; default: s--; }",
        "    int j = switch (k) { case 2 -> 4; default -> { yield k; } };",
        "    try (Scanner sc = new Scanner(\"1\")) { s *= sc.nextDouble(); } catch (RuntimeException e) { s = -1; }",
        "    finally { s += a.length; }",
        "    do { s /= 2; } while (s > 1);",
        "    synchronized (this) { s = s > 0 ? s : -s; }",
        "    Object o = xs; if (o instanceof List<?> l && !l.isEmpty()) { s += l.size(); }",
        "    s += a[j % a.length] + new double[] {1, 2}[0] + (double) k / 2 + op.applyAsDouble(s) + Tensor.of(1, 2).sum().item();",
        "    return s;",
        "  }",
        "}");
    Sources.Result r = Sources.compile(file);
    assertThat(r.compilation()).succeeded();
    assertThat(r.errors()).isEmpty();
    assertThat(r.handedOff()).hasSize(1);
  }

  private static String fix(String... body) {
    String[] lines = new String[body.length];
    for (int i = 0; i < body.length; i++) {
      lines[i] = "    " + body[i];
    }
    List<Finding> findings = Sources.compile(Sources.loss(lines)).handedOff().get(0).findings();
    assertThat(findings).hasSize(1);
    return describe(findings.get(0).fix());
  }

  private static String describe(Fix f) {
    return f.guardMethod() + " " + f.target() + " "
        + f.args().stream().map(Object::toString).collect(Collectors.toList());
  }
}
