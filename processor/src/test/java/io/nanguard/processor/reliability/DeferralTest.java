package io.nanguard.processor.reliability;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.nanguard.processor.NanGuardProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Guarded bodies that name what does not exist yet wait for the next round (as google/auto's
 * BasicAnnotationProcessor defers elements): a class another processor generates in round 1 is
 * then there, and the Guarded class compiles and runs. A name nobody generates leaves javac's own
 * error alone: no generated file repeats it, and NaNGuard says why it generated nothing.
 */
class DeferralTest {

  /**
   * Writes {@code com.x.Helper} in its first round, as a code generator on the same path would,
   * when it sees its trigger ({@code @SuppressWarnings}: NaNGuard claims its own annotations).
   */
  static final class HelperGenerator extends AbstractProcessor {
    private boolean written;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("java.lang.SuppressWarnings");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!written && !annotations.isEmpty()) {
        written = true;
        try (Writer w = processingEnv.getFiler().createSourceFile("com.x.Helper").openWriter()) {
          w.write("package com.x;\npublic class Helper {\n  public static double twice(double x) {\n"
              + "    return 2 * x;\n  }\n}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  private static final String USES_HELPER = """
      package com.x;

      import io.nanguard.Guarded;

      @SuppressWarnings("unused")
      public class Uses {
        @Guarded
        public double f(double x) {
          return Math.log(Helper.twice(x)) / x;
        }
      }
      """;

  @Test
  void aClassGeneratedInRoundOneIsWaitedFor() {
    for (boolean nanGuardFirst : new boolean[] {true, false}) {
      Compilation c = javac()
          .withProcessors(nanGuardFirst ? new NanGuardProcessor() : new HelperGenerator(),
              nanGuardFirst ? new HelperGenerator() : new NanGuardProcessor())
          .compile(JavaFileObjects.forSourceString("com.x.Uses", USES_HELPER));
      assertThat(c).succeeded();
      assertThat(c).generatedSourceFile("com.x.GuardedUses").contentsAsUtf8String()
          .contains("io.nanguard.guard.Guard.log(Helper.twice(x), 1.0E-8, \"Uses.java:9\")");
      // The warnings come once, from the round in which the class was analysed.
      assertThat(c.warnings().stream().filter(d -> d.getMessage(Locale.ROOT).startsWith("[nanguard:")).count())
          .isEqualTo(2);
      Original run = new Original(c);
      assertThat(run.sameResult("com.x.Uses", "com.x.GuardedUses", "f", 2.0)).isEqualTo(Math.log(4) / 2);
      assertThat(run.run("com.x.GuardedUses", "f", -1.0)).isEqualTo(Math.log(1e-8) / -1);
    }
  }

  @Test
  void aNameNobodyDeclaresLeavesJavacsErrorAloneAndGeneratesNothing() {
    String source = """
        package com.x;

        import io.nanguard.Guarded;

        public class Broken {
          @Guarded
          public double f(double x) {
            return Math.log(Missing.twice(x));
          }
        }
        """;
    Compilation c = javac().withProcessors(new NanGuardProcessor())
        .compile(JavaFileObjects.forSourceString("com.x.Broken", source));
    assertThat(c).failed();
    assertThat(c.errors()).hasSize(1);
    assertThat(c).hadErrorContaining("cannot find symbol").inFile(c.sourceFiles().get(0)).onLine(8);
    assertThat(c).hadNoteContaining("[nanguard] no Guarded class is generated for Broken: f() refers to"
        + " something that does not exist: 'Missing' (line 8) cannot be resolved").inFile(c.sourceFiles().get(0))
        .onLine(7);
    assertThat(c.errors().get(0).getSource().getName()).endsWith("Broken.java");
  }

  @Test
  void aMissingTypeInTheSignatureIsWaitedForToo() {
    String source = """
        package com.x;

        import io.nanguard.Guarded;

        public class Sig {
          @Guarded
          public double f(Absent a, double x) {
            return Math.log(x);
          }
        }
        """;
    Compilation c = javac().withProcessors(new NanGuardProcessor())
        .compile(JavaFileObjects.forSourceString("com.x.Sig", source));
    assertThat(c).failed();
    assertThat(c.errors().stream().map(d -> d.getMessage(Locale.ROOT)).allMatch(m -> !m.contains("nanguard")))
        .isTrue();
    assertThat(c).hadErrorContaining("cannot find symbol").inFile(c.sourceFiles().get(0)).onLine(7);
    assertThat(c).hadNoteContaining("[nanguard] no Guarded class is generated for Sig");
    assertThat(c.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> d.getSource()).allMatch(s -> ((JavaFileObject) s).getName().endsWith("Sig.java"))).isTrue();
  }
}
