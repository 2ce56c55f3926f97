package io.nanguard.processor;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @SuppressWarnings("nanguard")} and {@code ("nanguard:KIND")} on method, class and local. */
class SuppressionTest {

  private static JavaFileObject source(String classAnnotation, String methodAnnotation, String localAnnotation) {
    return JavaFileObjects.forSourceLines("p.S",
        "package p;",
        "import io.nanguard.*;",
        "import io.nanguard.tensor.Tensor;",
        classAnnotation,
        "public class S {",
        "  @Guarded " + methodAnnotation,
        "  public Tensor f(Tensor x) {",
        "    " + localAnnotation + " Tensor a = x.sqrt();",
        "    Tensor b = x.log();",
        "    return a.add(b);",
        "  }",
        "}");
  }

  @Test
  void methodLevelAllKindsSilencesEveryWarningButKeepsTheGuards() {
    Sources.Result r = Sources.compile(source("", "@SuppressWarnings(\"nanguard\")", ""));
    assertThat(r.describe()).isEmpty();
    assertThat(r.handedOff().get(0).findings()).hasSize(2);
  }

  @Test
  void methodLevelOneKindSilencesOnlyThatKind() {
    Sources.Result r = Sources.compile(source("", "@SuppressWarnings(\"nanguard:log\")", ""));
    assertThat(r.describe()).hasSize(1);
    assertThat(r.describe().get(0)).startsWith("8: [nanguard:sqrt]");
  }

  @Test
  void classLevelSilencesItsMethods() {
    Sources.Result r = Sources.compile(source("@SuppressWarnings({\"unchecked\", \"nanguard:sqrt\"})", "", ""));
    assertThat(r.describe()).hasSize(1);
    assertThat(r.describe().get(0)).startsWith("9: [nanguard:log]");
  }

  @Test
  void localVariableSilencesItsInitializerOnly() {
    Sources.Result r = Sources.compile(source("", "", "@SuppressWarnings(\"nanguard:sqrt\")"));
    assertThat(r.describe()).hasSize(1);
    assertThat(r.describe().get(0)).startsWith("9: [nanguard:log]");
  }

  @Test
  void otherSuppressionsDoNotSilence() {
    Sources.Result r = Sources.compile(source("@SuppressWarnings(\"unchecked\")", "@SuppressWarnings(\"nanguard:div\")", ""));
    assertThat(r.describe()).hasSize(2);
  }
}
