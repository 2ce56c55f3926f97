package io.nanguard.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code -Ananguard.werror}, {@code -Ananguard.scan} and {@code -Ananguard.eps}. */
class OptionsTest {

  private static final JavaFileObject MIXED = JavaFileObjects.forSourceLines("p.M",
      "package p;",
      "import io.nanguard.*;",
      "import io.nanguard.tensor.Tensor;",
      "public class M {",
      "  @Guarded",
      "  public Tensor guarded(Tensor x) {",
      "    return x.log();",
      "  }",
      "  public Tensor plain(Tensor x) {",
      "    return x.sqrt();",
      "  }",
      "  @Guarded(eps = 1e-4)",
      "  public Tensor ownEps(Tensor x) {",
      "    return x.log();",
      "  }",
      "}");

  @Test
  void byDefaultOnlyAnnotatedMethodsAreChecked() {
    Sources.Result r = Sources.compile(MIXED);
    assertThat(r.describe()).hasSize(2);
    assertThat(r.compilation()).hadWarningContaining("[nanguard:log]").inFile(MIXED).onLine(7);
  }

  @Test
  void werrorTurnsFindingsIntoErrors() {
    Sources.Result r = Sources.compile(List.of("-Ananguard.werror=true"), MIXED);
    assertThat(r.compilation()).failed();
    assertThat(r.compilation()).hadErrorContaining("[nanguard:log]").inFile(MIXED).onLine(7);
    assertThat(r.errors()).hasSize(2);
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void scanAllAlsoWarnsInUnannotatedMethodsButGeneratesNothingForThem() {
    Sources.Result r = Sources.compile(List.of("-Ananguard.scan=all"), MIXED);
    assertThat(r.compilation()).succeeded();
    assertThat(r.compilation()).hadWarningContaining("[nanguard:sqrt]").inFile(MIXED).onLine(10);
    assertThat(r.describe()).hasSize(3);
    assertThat(r.handedOff()).hasSize(2);
  }

  @Test
  void scanAllWarnsEvenUnderWerror() {
    Sources.Result r = Sources.compile(List.of("-Ananguard.scan=all", "-Ananguard.werror=true"), MIXED);
    assertThat(r.compilation()).hadWarningContaining("[nanguard:sqrt]").inFile(MIXED).onLine(10);
    assertThat(r.errors()).hasSize(2);
  }

  @Test
  void epsComesFromTheAnnotationThenTheOptionThenTheDefault() {
    assertThat(Sources.compile(MIXED).handedOff().get(0).eps()).isEqualTo(1e-8);
    Sources.Result r = Sources.compile(List.of("-Ananguard.eps=1e-6"), MIXED);
    assertThat(r.handedOff().get(0).eps()).isEqualTo(1e-6);
    assertThat(r.handedOff().get(1).eps()).isEqualTo(1e-4);
  }

  @Test
  void unreadableOptionsAreReportedAndDefaultsUsed() {
    Sources.Result r = Sources.compile(List.of("-Ananguard.eps=tiny", "-Ananguard.werror=yes"), MIXED);
    assertThat(r.compilation()).succeeded();
    assertThat(r.compilation()).hadWarningContaining("-Ananguard.eps=tiny is not a number");
    assertThat(r.compilation()).hadWarningContaining("-Ananguard.werror=yes is not understood");
    assertThat(r.handedOff().get(0).eps()).isEqualTo(1e-8);
  }
}
