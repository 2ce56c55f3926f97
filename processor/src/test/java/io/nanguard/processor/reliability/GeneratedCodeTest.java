package io.nanguard.processor.reliability;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import io.nanguard.processor.codegen.Generated;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Generated code that cannot collide with the user's names, carries only annotations its
 * compilation can read, keeps line breaks and names each op's own line; and the cases where no
 * code can be written are one clear {@code [nanguard]} message each, never a raw exception.
 */
class GeneratedCodeTest {

  @Test
  void userNamesGuardAndOverrideDoNotCollide() {
    Original o = Original.compile("p.Names", """
        package p;
        import io.nanguard.Guarded;
        public class Names {
          static class Guard {}
          static class Override {}
          static class String {}
          double Guard = 2;
          @Guarded
          public double f(double x, java.lang.String label) {
            double Override = 1;
            return Override * Guard / x + label.length();
          }
        }
        """);
    assertThat(o.sameResult("p.Names", "p.GuardedNames", "f", 4.0, "ab")).isEqualTo(2.5);
    assertThat(o.generated("p.GuardedNames")).contains("io.nanguard.guard.Guard.divisor(x");
  }

  @Test
  void release8GetsNoJavaxGenerated() {
    Original o = Original.compile(List.of("--release", "8", "-Xlint:-options"), "p.Old", """
        package p;
        import io.nanguard.Guarded;
        public class Old {
          @Guarded
          public double f(double x) {
            return 1 / x;
          }
        }
        """);
    assertThat(o.generated("p.GuardedOld")).doesNotContain("Generated(");
    o.sameResult("p.Old", "p.GuardedOld", "f", 4.0);
  }

  @Test
  void siteNamesTheOpsOwnLineInAMultiLineExpression() {
    Original o = Original.compile("p.Lines", """
        package p;
        import io.nanguard.Guarded;
        public class Lines {
          @Guarded
          public double f(double a, double b) {
            return a
                + 1
                / b
                + Math
                    .log(a);
          }
        }
        """);
    String g = o.generated("p.GuardedLines");
    assertThat(g).contains("\"Lines.java:8\"");  // the '/' is on line 8
    assertThat(g).contains("\"Lines.java:10\""); // the log on line 10
    o.sameResult("p.Lines", "p.GuardedLines", "f", 2.0, 4.0);
  }

  @Test
  void crOnlyLineEndsKeepTheLinesApart() {
    String source = String.join("\r",
        "package p;",
        "import io.nanguard.Guarded;",
        "public class Cr {",
        "  @Guarded",
        "  public double f(double x) {",
        "    double total = 1 / x; // a comment",
        "    total *= 2;",
        "    return total;",
        "  }",
        "}");
    Original o = Original.compile("p.Cr", source);
    assertThat(o.sameResult("p.Cr", "p.GuardedCr", "f", 4.0)).isEqualTo(0.5);
  }

  @Test
  void anExistingGuardedTypeIsAClearError() {
    Compilation c = Generated.compile(List.of(), "p.Mine", """
        package p;
        import io.nanguard.Guarded;
        public class Mine {
          @Guarded
          public double f(double x) {
            return 1 / x;
          }
        }
        """, "p.GuardedMine", """
        package p;
        public class GuardedMine {}
        """);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[nanguard] cannot generate GuardedMine: a type p.GuardedMine already exists");
  }

  @Test
  void twoTypesWithOneGuardedNameAreAClearError() {
    Compilation c = Generated.compile(List.of(), "p.A", """
        package p;
        import io.nanguard.Guarded;
        public class A {
          public static class B {
            @Guarded
            public double f(double x) {
              return 1 / x;
            }
          }
        }
        """, "p.A_B", """
        package p;
        import io.nanguard.Guarded;
        public class A_B {
          @Guarded
          public double f(double x) {
            return 1 / x;
          }
        }
        """);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[nanguard] cannot generate GuardedA_B");
    assertThat(c.errors().stream().noneMatch(d -> d.getMessage(null).contains("FilerException:"))).isTrue();
  }

  @Test
  void aStaleGeneratedInputIsANoteNotAnError() {
    Compilation first = Generated.compile(List.of(), "p.Stale", STALE);
    String generated = Original.sourceOf(first, "p.GuardedStale");
    Compilation again = Generated.compile(List.of(), "p.Stale", STALE, "p.GuardedStale", generated);
    assertThat(again).succeeded();
    assertThat(again).hadNoteContaining("[nanguard] GuardedStale from an earlier NaNGuard run is among");
  }

  private static final String STALE = """
      package p;
      import io.nanguard.Guarded;
      public class Stale {
        @Guarded
        public double f(double x) {
          return 1 / x;
        }
      }
      """;

  @Test
  void epsOutsideZeroOneIsACompileTimeError() {
    for (String eps : List.of("2", "Double.NaN", "Double.POSITIVE_INFINITY", "0")) {
      Compilation c = Generated.compile(List.of(), "p.Eps", """
          package p;
          import io.nanguard.Guarded;
          public class Eps {
            @Guarded(eps = EPS)
            public double f(double x) {
              return 1 / x;
            }
          }
          """.replace("EPS", eps));
      assertThat(c).failed();
      assertThat(c).hadErrorContaining("it must be a number with 0 < eps < 1");
    }
    Compilation option = Generated.compile(List.of("-Ananguard.eps=5"), "p.Stale", STALE);
    assertThat(option).succeeded();
    assertThat(option).hadWarningContaining("-Ananguard.eps=5 must be a number with 0 < eps < 1");
  }

  @Test
  void aCleanFilePassesXlintAllWerror() {
    Compilation c = Generated.compile(List.of("-Xlint:all", "-Werror"), "p.Clean", """
        package p;
        import io.nanguard.Guarded;
        public class Clean {
          @Guarded
          public double f(double x) {
            return x * x + 1;
          }
        }
        """);
    assertThat(c).succeeded();
  }
}
