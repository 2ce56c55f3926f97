package io.nanguard.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.JavaFileObjects;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each misuse is one clear error on the annotated element, and nothing is handed to codegen. */
class MisuseTest {

  static Stream<Arguments> misuses() {
    return Stream.of(
        Arguments.of("class", "@Guarded private Tensor f(Tensor x) { return x; }", "is private"),
        Arguments.of("interface", "@Guarded static Tensor f(Tensor x) { return x; }", "is static in an interface"),
        Arguments.of("abstract class", "@Guarded public abstract Tensor f(Tensor x);", "has no body"),
        Arguments.of("interface", "@Guarded Tensor f(Tensor x);", "has no body"),
        Arguments.of("class", "@Guarded public final Tensor f(Tensor x) { return x; }", "is final"),
        Arguments.of("final class", "@Guarded public Tensor f(Tensor x) { return x; }", "which is final"),
        Arguments.of("class", "@Distance public Tensor f(Tensor x) { return x.square().sum(); }",
            "is not a sqrt, norm or dist"),
        Arguments.of("class", "@Distance public Object f(Tensor x) { return x.norm(); }", "a distance is a double or a Tensor"),
        Arguments.of("class", "@Distance public int f(int x) { return (int) Math.sqrt(x); }", "a distance is a double or a Tensor"));
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @MethodSource("misuses")
  void misuseIsAnErrorOnTheMethod(String container, String member, String text) {
    JavaFileObject file = JavaFileObjects.forSourceLines("p.Bad",
        "package p;",
        "import io.nanguard.*;",
        "import io.nanguard.tensor.Tensor;",
        "public " + container + " Bad {",
        "  " + member,
        "}");
    Sources.Result r = Sources.compile(file);
    assertThat(r.compilation()).failed();
    assertThat(r.compilation()).hadErrorContaining(text).inFile(file).onLine(5);
    assertThat(r.errors()).hasSize(1);
    assertThat(r.handedOff()).isEmpty();
  }

  @Test
  void typeLevelGuardedOnAFinalClassIsAnError() {
    JavaFileObject file = JavaFileObjects.forSourceLines("p.F",
        "package p;",
        "import io.nanguard.*;",
        "@Guarded",
        "public final class F {",
        "  public double f(double x) { return Math.sqrt(x); }",
        "}");
    Sources.Result r = Sources.compile(file);
    assertThat(r.compilation()).hadErrorContaining("is final").inFile(file).onLine(4);
  }

  @Test
  void typeLevelGuardedSkipsWhatItCannotCoverWithANoteNotAnError() {
    JavaFileObject file = JavaFileObjects.forSourceLines("p.T",
        "package p;",
        "import io.nanguard.*;",
        "@Guarded",
        "public class T {",
        "  public double a(double x) { return Math.sqrt(x); }",
        "  private double b(double x) { return Math.sqrt(x); }",
        "  public final double c(double x) { return Math.sqrt(x); }",
        "}");
    Sources.Result r = Sources.compile(file);
    assertThat(r.compilation()).succeeded();
    assertThat(r.compilation()).hadNoteContaining("not guarded: @Guarded method c() is final").inFile(file).onLine(7);
    assertThat(r.describe()).hasSize(1);
    assertThat(r.handedOff()).hasSize(1);
    assertThat(r.handedOff().get(0).element().getSimpleName().toString()).isEqualTo("a");
  }
}
