package io.nanguard.processor.reliability;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import io.nanguard.processor.codegen.Generated;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The analysis types a call of an overloaded user method by the overload javac picks, not the
 * first one declared: {@code 1 / half(d)} with {@code double half(double)} is a floating-point
 * division (warned, guarded), {@code 1 / half(n)} with {@code int half(int)} an integer one (no
 * warning), in either declaration order.
 */
class OverloadTypingTest {

  @ParameterizedTest(name = "int overload first: {0}")
  @ValueSource(booleans = {true, false})
  void theOverloadJavacPicksTypesTheDivision(boolean intFirst) {
    String intHalf = "  static int half(int x) { return x / 2; }\n";
    String doubleHalf = "  static double half(double x) { return x / 2; }\n";
    String source = "package p;\n"
        + "import io.nanguard.Guarded;\n"
        + "public class Over {\n"
        + (intFirst ? intHalf + doubleHalf : doubleHalf + intHalf)
        + "  @Guarded\n"
        + "  public double f(double d) {\n"
        + "    return 1 / half(d);\n" // line 8: a double division by a value that may be 0
        + "  }\n"
        + "  @Guarded\n"
        + "  public double g(int n) {\n"
        + "    return 1 / half(n) + Math.log(n);\n" // line 12: an integer division; only the log
        + "  }\n"
        + "}\n";
    Compilation c = Generated.compile(List.of(), "p.Over", source);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[nanguard:div] division by 'half(d)'").inFile(c.sourceFiles().get(0)).onLine(8);
    assertThat(c.warnings().stream().filter(w -> w.getLineNumber() == 12)
        .map(w -> w.getMessage(Locale.ROOT)).toList()).hasSize(1);
    assertThat(c).hadWarningContaining("[nanguard:log]").inFile(c.sourceFiles().get(0)).onLine(12);
    Original o = new Original(c);
    assertThat(o.sameResult("p.Over", "p.GuardedOver", "f", 4.0)).isEqualTo(0.5);
    assertThat(o.sameResult("p.Over", "p.GuardedOver", "g", 4)).isEqualTo(Math.log(4));
    assertThat(o.generated("p.GuardedOver")).contains("io.nanguard.guard.Guard.divisor(half(d)");
  }
}
