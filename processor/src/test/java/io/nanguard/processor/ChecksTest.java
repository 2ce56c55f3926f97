package io.nanguard.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per check kind: the unsafe line gets exactly one {@code [nanguard:KIND]} warning, on
 * its own line, and its safe twin compiles with none.
 */
class ChecksTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        // kind, unsafe statement, text the message must hold, safe twin
        Arguments.of("sqrt", "return nn.sum(1).sqrt();", "gradient-only failure", "return nn.sum(1).add(1e-8).sqrt();"),
        Arguments.of("sqrt", "return x.sqrt();", "forward failure", "return pos.sqrt();"),
        Arguments.of("sqrt", "return Math.sqrt(d);", "sqrt(max(x, 0) + eps)", "return Math.sqrt(d * d + 1e-8);"),
        Arguments.of("sqrt", "return nn.rsqrt();", "[0, inf)", "return pos.rsqrt();"),
        Arguments.of("sqrt", "return x.crossEntropy(new int[] {0}).sqrt();", "gradient-only failure",
            "return x.crossEntropy(new int[] {0}).add(1e-8).sqrt();"),
        Arguments.of("pow", "return nn.pow(0.5);", "gradient-only failure", "return nn.pow(2);"),
        Arguments.of("pow", "return Math.pow(d, 0.5);", "forward failure", "return Math.pow(pd, 0.5);"),
        Arguments.of("log", "return u.log();", "[0, 1]", "return u.add(1).log();"),
        Arguments.of("log", "return Math.log(d);", "log(max(x, eps))", "return Math.log(pd);"),
        Arguments.of("div", "return x.div(nn.sum());", "division by 'nn.sum()', a value in [0, inf)", "return x.div(pos.sum());"),
        Arguments.of("div", "return 1.0 / d;", "forward failure", "return 1.0 / pd;"),
        Arguments.of("div", "return nn.reciprocal();", "reciprocal", "return pos.reciprocal();"),
        Arguments.of("acos", "return u.acos();", "[0, 1]", "return u.mul(0.5).acos();"),
        Arguments.of("asin", "return x.tanh().asin();", "[-1, 1]", "return u.mul(0.9).asin();"),
        Arguments.of("exp", "return x.exp();", "exp(min(x, 709))", "return u.exp();"),
        Arguments.of("exp", "return x.expm1();", "forward failure", "return x.tanh().expm1();"),
        Arguments.of("exp", "return Math.exp(d);", "forward failure", "return Math.exp(Math.sin(d));"),
        Arguments.of("stability", "return x.softmax(1).log();", "logSoftmax(x, dim)", "return x.logSoftmax(1);"),
        Arguments.of("stability", "return x.sigmoid().log();", "logSigmoid(x)", "return x.logSigmoid();"),
        Arguments.of("stability", "return x.exp().sum(1).log();", "logSumExp(x, dim)", "return x.logSumExp(1);"),
        Arguments.of("stability", "return x.add(1).log();", "log1p(x)", "return u.exp().add(1).log();"),
        Arguments.of("stability", "return Math.log(1 + d);", "log1p(x)", "return Math.log(1 + pd);"),
        Arguments.of("stability", "return x.exp().div(x.exp().sum(1, true));", "softmax(x, dim)", "return x.softmax(1);"),
        Arguments.of("stability", "return x.square().mean().sub(x.mean().square()).sqrt();", "cancels",
            "return x.sub(x.mean()).square().mean().add(1e-8).sqrt();"));
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @MethodSource("cases")
  void unsafeLineWarnsOnceOnItsLine(String kind, String unsafe, String text, String safe) {
    JavaFileObject file = Sources.loss("    int pad = 0;", "    " + unsafe);
    Sources.Result r = Sources.compile(file);
    assertThat(r.compilation()).succeeded();
    assertThat(r.describe()).hasSize(1);
    assertThat(r.compilation()).hadWarningContaining("[nanguard:" + kind + "]")
        .inFile(file).onLine(Sources.FIRST_BODY_LINE + 1);
    assertThat(r.warnings().get(0).getMessage(null)).contains(text);
  }

  @ParameterizedTest(name = "[{index}] {0}: {3}")
  @MethodSource("cases")
  void safeTwinHasNoWarning(String kind, String unsafe, String text, String safe) {
    Sources.Result r = Sources.compile(Sources.loss("    " + safe));
    assertThat(r.compilation()).succeeded();
    assertThat(r.describe()).isEmpty();
    assertThat(r.handedOff()).hasSize(1);
    assertThat(r.handedOff().get(0).findings()).isEmpty();
  }

  @Test
  void logOfOnePlusExpIsSafeButTheExpMayOverflow() {
    Sources.Result r = Sources.compile(Sources.loss("    return x.exp().add(1).log();"));
    assertThat(r.describe()).hasSize(1);
    assertThat(r.describe().get(0)).contains("[nanguard:exp]");
  }

  @Test
  void warningSitsOnTheLineOfTheOpInAMultiLineChain() {
    JavaFileObject file = Sources.loss(
        "    Tensor d = x.sub(pos)",
        "        .square()",
        "        .sum(1)",
        "        .sqrt();",
        "    return d;");
    Sources.Result r = Sources.compile(file);
    assertThat(r.describe()).hasSize(1);
    assertThat(r.compilation()).hadWarningContaining("[nanguard:sqrt]").inFile(file).onLine(Sources.FIRST_BODY_LINE + 3);
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @MethodSource("cases")
  void findingIsHandedToTheCodeGenerator(String kind, String unsafe, String text, String safe) {
    Sources.Result r = Sources.compile(Sources.loss("    " + unsafe));
    assertThat(r.handedOff()).hasSize(1);
    assertThat(r.handedOff().get(0).findings()).hasSize(1);
    assertThat(r.handedOff().get(0).findings().get(0).hazard().key()).isEqualTo(kind);
  }

}
