package io.nanguard.processor.codegen;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import io.nanguard.processor.testapi.Vec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An op whose library's guard class has no method a call with the op's operand types would
 * invoke is left as written, with a note naming the op and its line, and the rest of the method
 * is still guarded: never a generated call that does not compile. The third library's
 * {@code VecGuard} has a {@code pow} for a constant exponent only (the call {@code pow(Vec, Vec,
 * double, String)} does not apply to it) and no {@code acos} at all, nor generic forms.
 */
class InapplicableGuardTest {

  static final String SOURCE = """
      package com.x;

      import io.nanguard.Guarded;
      import io.nanguard.processor.testapi.Vec;

      public class VecPow {
        @Guarded
        public Vec power(Vec x, Vec p) {
          return x.pow(p).add(x.sqrt());
        }

        @Guarded
        public Vec angle(Vec x) {
          return x.acos();
        }
      }
      """;

  private static Compilation compilation;

  @BeforeAll
  static void compile() {
    compilation = Generated.compileClean("com.x.VecPow", SOURCE);
  }

  @Test
  void theOpsAreStillWarnedOnTheirLines() {
    assertThat(compilation).hadWarningContaining("[nanguard:pow] pow of 'x'")
        .inFile(compilation.sourceFiles().get(0)).onLine(9);
    assertThat(compilation).hadWarningContaining("[nanguard:sqrt] sqrt of 'x'")
        .inFile(compilation.sourceFiles().get(0)).onLine(9);
    assertThat(compilation).hadWarningContaining("[nanguard:acos] acos of 'x'")
        .inFile(compilation.sourceFiles().get(0)).onLine(14);
  }

  @Test
  void theWarningOfAnOpLeftAsWrittenSaysSoInsteadOfNamingARewrite() {
    assertThat(compilation).hadWarningContaining("[nanguard:pow] pow of 'x'")
        .inFile(compilation.sourceFiles().get(0)).onLine(9);
    List<String> left = new ArrayList<>();
    List<String> guarded = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : compilation.warnings()) {
      String text = d.getMessage(Locale.ROOT);
      if (!text.contains("[nanguard:")) {
        continue;
      }
      (text.contains("[nanguard:sqrt]") ? guarded : left).add(text);
    }
    assertThat(left).hasSize(2); // pow and acos
    for (String text : left) {
      assertThat(text).contains("the generated class leaves this op as written (a note says why); fix: use ");
      assertThat(text).doesNotContain("the guarded code uses");
    }
    assertThat(guarded).hasSize(1);
    assertThat(guarded.get(0)).contains("the guarded code uses sqrt(max(x, 0) + eps)");
  }

  @Test
  void aGuardThatDoesNotApplyToTheOperandTypesLeavesTheOpWithANote() {
    assertThat(compilation).hadNoteContaining("[nanguard] GuardedVecPow.power: line 9 is left as written, unguarded:"
        + " 'x.pow(p)' needs io.nanguard.processor.testapi.VecGuard.pow(Vec, Vec, double, String), which its library's"
        + " guard class does not declare").inFile(compilation.sourceFiles().get(0)).onLine(8);
    assertThat(compilation).hadNoteContaining("[nanguard] GuardedVecPow.angle: line 14 is left as written, unguarded:"
        + " 'x.acos()' needs io.nanguard.processor.testapi.VecGuard.acos(Vec, double, String)")
        .inFile(compilation.sourceFiles().get(0)).onLine(13);
  }

  @Test
  void theRestOfTheMethodIsGuardedAndTheGeneratedClassRuns() throws Exception {
    String generated = Generated.source(compilation, "com.x.GuardedVecPow");
    assertThat(generated).contains(
        "return x.pow(p).add(io.nanguard.processor.testapi.VecGuard.sqrt(x, 1.0E-8, \"VecPow.java:9\"));");
    assertThat(generated).contains("return x.acos();");
    ClassLoader loader = Generated.load(compilation);
    Object guarded = Generated.newInstance(loader, "com.x.GuardedVecPow");
    Vec power = (Vec) guarded.getClass().getMethod("power", Vec.class, Vec.class)
        .invoke(guarded, Vec.of(4f, 0f), Vec.of(0.5f, 2f));
    assertThat(power.get(0)).isWithin(1e-5f).of(4f); // 4^0.5 + sqrt(4 + eps)
    assertThat(power.get(1)).isWithin(1e-6f).of(1e-4f); // 0^2 + sqrt(0 + eps): the sqrt is guarded
    Vec angle = (Vec) guarded.getClass().getMethod("angle", Vec.class).invoke(guarded, Vec.of(0.5f));
    assertThat(angle.get(0)).isWithin(1e-6f).of((float) Math.acos(0.5));
  }
}
