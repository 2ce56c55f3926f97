package io.nanguard.processor.codegen;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bodies the generated class cannot compile get a clear error on the guarded method saying what
 * to change, and no generated file at all: never uncompilable generated code.
 */
class GeneratedErrorsTest {

  /** A class body (inside {@code public class Bad extends Base}), the guarded method's line, and the expected words. */
  record Case(String name, String body, int line, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case("private field", """
              private double scale = 2;

              @Guarded
              public double f(double x) {
                return Math.sqrt(x) * scale;
              }
            """, 9, "uses private field 'scale' of Bad, which the generated subclass cannot see;"
            + " make it package-private or protected"),
        new Case("private method", """
              private double twice(double x) {
                return 2 * x;
              }

              @Guarded
              public double f(double x) {
                return Math.sqrt(twice(x));
              }
            """, 11, "uses private method 'twice' of Bad"),
        new Case("private nested type", """
              private static final class Helper {
                static double one() {
                  return 1;
                }
              }

              @Guarded
              public double f(double x) {
                return Math.sqrt(x) + Helper.one();
              }
            """, 13, "uses private type 'Helper'"),
        new Case("super call", """
              @Guarded
              @Override
              public double base(double x) {
                return Math.log(x) + super.base(x);
              }
            """, 8, "uses super.base, which in the generated subclass would mean Bad.base instead"),
        new Case("this.private", """
              private double shift;

              @Guarded
              public double f(double x) {
                return Math.log(x + this.shift);
              }
            """, 9, "uses private field 'shift' of Bad"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isAnErrorOnTheMethodAndNothingIsGenerated(Case c) {
    String source = """
        package com.x;

        import io.nanguard.Guarded;

        public class Bad extends Base {
        """ + c.body() + "}\n";
    String base = """
        package com.x;

        public class Base {
          public double base(double x) {
            return x;
          }
        }
        """;
    Compilation compilation = Generated.compile(List.of(), "com.x.Bad", source, "com.x.Base", base);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[nanguard] GuardedBad cannot override");
    assertThat(compilation).hadErrorContaining(c.expected());
    assertThat(compilation).hadErrorContaining(c.expected()).inFile(fileNamed(compilation, "Bad.java")).onLine(c.line());
    // One error, ours: no generated file was written that javac could then reject.
    assertThat(compilation.errors()).hasSize(1);
  }

  private static JavaFileObject fileNamed(Compilation c, String name) {
    return c.sourceFiles().stream().filter(f -> f.getName().endsWith(name)).findFirst().orElseThrow();
  }
}
