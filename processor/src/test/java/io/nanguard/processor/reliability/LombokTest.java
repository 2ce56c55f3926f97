package io.nanguard.processor.reliability;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.nanguard.processor.NanGuardProcessor;
import java.util.List;
import java.util.Locale;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lombok on the same processor path, before and after NaNGuard (Lombok rewrites the trees in its
 * own processor, so what NaNGuard sees depends on the order): a {@code @Value} class, which Lombok
 * makes final, gets one clear refusal and no generated file; a {@code @Getter} or {@code @Data}
 * class gets a Guarded class that compiles, calls Lombok's getters, and computes what the original
 * computes.
 */
class LombokTest {

  private static Compilation compile(boolean lombokFirst, String name, String source) {
    Processor lombok = lombok();
    Processor nanGuard = new NanGuardProcessor();
    return javac().withProcessors(lombokFirst ? List.of(lombok, nanGuard) : List.of(nanGuard, lombok))
        .compile(JavaFileObjects.forSourceString(name, source));
  }

  /** Lombok's javac processor, as its service file names it (the class is not public). */
  private static Processor lombok() {
    try {
      var ctor = Class.forName("lombok.launch.AnnotationProcessorHider$AnnotationProcessor").getDeclaredConstructor();
      ctor.setAccessible(true);
      return (Processor) ctor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("Lombok's processor is not on the test class path", e);
    }
  }

  @ParameterizedTest(name = "Lombok first: {0}")
  @ValueSource(booleans = {true, false})
  void aValueClassIsRefusedClearly(boolean lombokFirst) {
    Compilation c = compile(lombokFirst, "p.Point", """
        package p;

        import io.nanguard.Guarded;

        @lombok.Value
        public class Point {
          double x;

          @Guarded
          public double logX() {
            return Math.log(x);
          }
        }
        """);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[nanguard] @Guarded method logX() is a member of Point, which is final"
        + " (Lombok's @lombok.Value makes it final)").inFile(c.sourceFiles().get(0)).onLine(10);
    // That error and nothing else: no generated file for javac to reject.
    assertThat(c.errors()).hasSize(1);
  }

  @ParameterizedTest(name = "Lombok first: {0}")
  @ValueSource(booleans = {true, false})
  void aGetterClassIsGuardedAndComputesTheSame(boolean lombokFirst) {
    Compilation c = compile(lombokFirst, "p.Scaled", """
        package p;

        import io.nanguard.Guarded;
        import lombok.Getter;
        import lombok.Setter;

        @Getter
        @Setter
        public class Scaled {
          private double scale = 3;

          @Guarded
          public double f(double x) {
            return Math.log(x) / getScale();
          }
        }
        """);
    assertThat(c).succeeded();
    // The two findings, once each, and nothing from javac (the generated file compiles cleanly).
    assertThat(c.warnings().stream().map(d -> d.getMessage(Locale.ROOT)).toList()).hasSize(2);
    assertThat(c.warnings().stream().map(d -> d.getMessage(Locale.ROOT)).allMatch(m -> m.startsWith("[nanguard:")))
        .isTrue();
    assertThat(c.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)).isEmpty();
    Original run = new Original(c);
    assertThat(run.sameResult("p.Scaled", "p.GuardedScaled", "f", 8.0)).isEqualTo(Math.log(8) / 3);
    assertThat(run.generated("p.GuardedScaled")).contains("getScale()");
  }

  @ParameterizedTest(name = "Lombok first: {0}")
  @ValueSource(booleans = {true, false})
  void aDataClassIsGuardedAndComputesTheSame(boolean lombokFirst) {
    Compilation c = compile(lombokFirst, "p.Pair", """
        package p;

        import io.nanguard.Guarded;

        @lombok.Data
        public class Pair {
          private double a = 2;
          private double b = 6;

          @Guarded
          public double ratio() {
            return Math.log(getA()) / getB();
          }
        }
        """);
    assertThat(c).succeeded();
    Original run = new Original(c);
    assertThat(run.sameResult("p.Pair", "p.GuardedPair", "ratio")).isEqualTo(Math.log(2) / 6);
  }
}
