package io.nanguard.processor.reliability;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import io.nanguard.processor.codegen.Generated;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A name {@code io} in the original (parameter, local, lambda parameter, field, nested type, a
 * class of the package) obscures the package {@code io} (JLS 6.4.2), so the generated code's
 * {@code io.nanguard.guard.Guard.log(..)} would be a field access of it: the generated class then
 * imports the guard class instead, compiles, and computes what the original does.
 */
class ObscuredPackageTest {

  /** Each declares {@code io} a different way; {@code f} divides by a log, two guarded ops. */
  @ParameterizedTest
  @ValueSource(strings = {
      "@Guarded public double f(double io) { return 3 / Math.log(io); }",
      "@Guarded public double f(double x) { double io = x; return 3 / Math.log(io); }",
      "@Guarded public double f(double x) { java.util.function.DoubleUnaryOperator g = io -> io; return 3 / Math.log(g.applyAsDouble(x)); }",
      "double io = 0; @Guarded public double f(double x) { return 3 / Math.log(x + io); }",
      "static class io { static double one() { return 1; } } @Guarded public double f(double x) { return 3 / Math.log(x * io.one()); }",
      "@Guarded public <io> double f(double x) { return 3 / Math.log(x); }",
  })
  void theGuardClassIsImportedAndTheResultIsTheOriginals(String members) {
    Original o = Original.compile("p.Obscured", """
        package p;
        import io.nanguard.Guarded;
        public class Obscured {
        """ + "  " + members + "\n}\n");
    String generated = o.generated("p.GuardedObscured");
    assertThat(generated).contains("import io.nanguard.guard.Guard;");
    assertThat(generated).contains("Guard.divisor(Guard.log(");
    assertThat(generated).doesNotContain("io.nanguard.guard.Guard.");
    assertThat(o.sameResult("p.Obscured", "p.GuardedObscured", "f", 8.0)).isEqualTo(3 / Math.log(8));
  }

  @Test
  void aClassOfThePackageCalledIoToo() {
    Original o = Original.compile("p.io", "package p;\npublic class io {\n  public static double one() {\n    return 1;\n  }\n}\n",
        "p.Pkg", """
        package p;
        import io.nanguard.Guarded;
        public class Pkg {
          @Guarded
          public double f(double x) {
            return 3 / Math.log(x * p.io.one());
          }
        }
        """);
    assertThat(o.generated("p.GuardedPkg")).contains("import io.nanguard.guard.Guard;");
    assertThat(o.sameResult("p.Pkg", "p.GuardedPkg", "f", 8.0)).isEqualTo(3 / Math.log(8));
  }

  @Test
  void bothIoAndGuardDeclaredIsOneClearError() {
    Compilation c = Generated.compile(List.of(), "p.Both", """
        package p;
        import io.nanguard.Guarded;
        public class Both {
          static class Guard {}
          @Guarded
          public double f(double io) {
            return Math.log(io);
          }
        }
        """);
    assertThat(c).hadErrorContaining("[nanguard] cannot generate GuardedBoth: the original declares both 'io',"
        + " which hides the package io.nanguard.guard (JLS 6.4.2), and 'Guard'").inFile(c.sourceFiles().get(0)).onLine(3);
    assertThat(c.errors()).hasSize(1);
  }
}
