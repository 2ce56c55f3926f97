package io.nanguard.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Plain Java {@code float} code is analysed in float32: an operator with a float operand and no
 * double one, and a value stored in a float, round to float32, where {@code 1f - 1e-9f == 1f}.
 * Each case has a double twin that is safe, so the warning comes from the format alone.
 */
class FloatCodeTest {

  private static JavaFileObject source(String type, String... body) {
    String[] lines = new String[body.length + 6];
    lines[0] = "package p;";
    lines[1] = "import io.nanguard.*;";
    lines[2] = "public class C {";
    lines[3] = "  @Guarded public " + type + " f(@UnitInterval " + type + " p, @NonNegative " + type + " y, "
        + type + " x) {";
    System.arraycopy(body, 0, lines, 4, body.length);
    lines[body.length + 4] = "  }";
    lines[body.length + 5] = "}";
    return JavaFileObjects.forSourceLines("p.C", lines);
  }

  /** Compiles {@code file} and asserts its only warning is {@code kind} on the method's line {@code line}. */
  private static void flaggedOnce(String kind, JavaFileObject file, int line) {
    Sources.Result r = Sources.compile(file);
    assertThat(r.describe()).hasSize(1);
    assertThat(r.compilation()).hadWarningContaining("[nanguard:" + kind + "]").inFile(file).onLine(line);
  }

  private static void clean(JavaFileObject file) {
    assertThat(Sources.compile(file).describe()).isEmpty();
  }

  @Test
  void aClampToOneMinusEpsComputedInFloatIsOneSoTheLogOfOneMinusItMeetsZero() {
    JavaFileObject floats = source("float",
        "    float q = Math.min(p, 1f - 1e-9f);",
        "    return (float) Math.log(1f - q);");
    flaggedOnce("log", floats, 6);

    clean(source("double",
        "    double q = Math.min(p, 1 - 1e-9);",
        "    return Math.log(1 - q);"));
  }

  @Test
  void anEpsTheFloatKeepsMakesTheFloatClampSafe() {
    // 1e-6f is above float32's machine epsilon (about 1.19e-7): 1f - 1e-6f < 1.
    clean(source("float",
        "    float q = Math.min(p, 1f - 1e-6f);",
        "    return (float) Math.log(1f - q);"));
  }

  @Test
  void aFloatDivisorThatRoundsToZeroIsFlagged() {
    // y + 1e-9f with y >= 0 never rounds to 0 (the sum is at least 1e-9f); but 1f + 1e-9f - 1f does.
    JavaFileObject floats = source("float",
        "    float safe = x / (y + 1e-9f);",
        "    return safe + x / (1f + 1e-9f - 1f);");
    flaggedOnce("div", floats, 6);

    clean(source("double",
        "    double safe = x / (y + 1e-9);",
        "    return safe + x / (1 + 1e-9 - 1);"));
  }

  @Test
  void aFloatMixedWithADoubleComputesInDouble() {
    // Java promotes 1f - 1e-9 to double: the clamp keeps its eps.
    clean(source("float",
        "    double q = Math.min(p, 1f - 1e-9);",
        "    return (float) Math.log(1 - q);"));
  }

  @Test
  void aDoubleStoredInAFloatIsRounded() {
    JavaFileObject floats = source("float",
        "    float q = (float) Math.min(p, 1 - 1e-9);",
        "    return (float) Math.log(1 - q);");
    flaggedOnce("log", floats, 6);
  }
}
