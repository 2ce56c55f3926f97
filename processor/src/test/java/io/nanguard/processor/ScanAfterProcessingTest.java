package io.nanguard.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import com.sun.source.tree.NewClassTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * {@code -Ananguard.scan=all} runs when annotation processing is over ({@link ScanAfterProcessing}):
 * its answers are those of the in-round scan, over several rounds too, and the classes it reads
 * are attributed once, by javac's own attribution, not in a round and again after it.
 */
class ScanAfterProcessingTest {

  private static final List<String> SCAN = List.of("-Ananguard.scan=all");

  /** Overloads whose return types differ: only javac's attribution says which one a call invokes. */
  private static JavaFileObject overloads(boolean intFirst) {
    String intHalf = "  static int half(int x) { return x / 2; }";
    String doubleHalf = "  static double half(double x) { return x / 2; }";
    return JavaFileObjects.forSourceLines("p.Over",
        "package p;",
        "public class Over {",
        intFirst ? intHalf : doubleHalf,
        intFirst ? doubleHalf : intHalf,
        "  public double f(double d) {",
        "    return 1 / half(d);", // line 6: a double division by a value that may be 0
        "  }",
        "  public double g(int n) {",
        "    return 1 / half(n) + Math.log(n);", // line 9: an integer division; only the log
        "  }",
        "  public double h(double[] xs) {",
        "    var m = half(xs.length);", // an int, which attribution writes into the var's type
        "    return xs[0] / m;", // line 13: a division by an int that may be 0
        "  }",
        "}");
  }

  @Test
  void aScannedCallOfOverloadsIsTypedByTheOverloadJavacPicks() {
    for (boolean intFirst : new boolean[] {true, false}) {
      JavaFileObject over = overloads(intFirst);
      Sources.Result r = Sources.compile(SCAN, over);
      assertThat(r.compilation()).succeeded();
      assertThat(r.compilation()).hadWarningContaining("[nanguard:div] division by 'half(d)'").inFile(over).onLine(6);
      assertThat(r.compilation()).hadWarningContaining("[nanguard:log]").inFile(over).onLine(9);
      assertThat(r.compilation()).hadWarningContaining("[nanguard:div] division by 'm'").inFile(over).onLine(13);
      assertThat(r.describe()).hasSize(3);
    }
  }

  @Test
  void guardedMethodsAreAnalysedInTheRoundAndTheOthersOnceAfterIt() {
    JavaFileObject mixed = JavaFileObjects.forSourceLines("p.Mixed",
        "package p;",
        "import io.nanguard.Guarded;",
        "public class Mixed {",
        "  @Guarded",
        "  public double loss(double x) {",
        "    return Math.log(x);", // line 6: guarded: warned once, and generated
        "  }",
        "  public double plain(double x) {",
        "    return Math.sqrt(x);", // line 9: scanned: warned once
        "  }",
        "  static final class Inner {",
        "    double ratio(double a, double b) {",
        "      return a / b;", // line 13: a nested class is scanned too
        "    }",
        "  }",
        "}");
    Sources.Result r = Sources.compile(SCAN, mixed);
    assertThat(r.compilation()).succeeded();
    assertThat(r.compilation()).hadWarningContaining("[nanguard:log]").inFile(mixed).onLine(6);
    assertThat(r.compilation()).hadWarningContaining("[nanguard:sqrt]").inFile(mixed).onLine(9);
    assertThat(r.compilation()).hadWarningContaining("[nanguard:div]").inFile(mixed).onLine(13);
    assertThat(r.describe()).hasSize(3);
    assertThat(r.handedOff()).hasSize(1);
  }

  /**
   * Writes, in its first round, one class a user's generator would write (scanned) and one marked
   * {@code @Generated} (not scanned), so the scan sees the roots of two rounds.
   */
  static final class SecondRoundSources extends EveryRoundProcessor {
    private boolean written;

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!written) {
        written = true;
        write("p.Written", "");
        write("p.Machine", "@javax.annotation.processing.Generated(\"a generator\")\n");
      }
      return false;
    }

    private void write(String name, String annotation) {
      String simple = name.substring(2);
      try (Writer w = processingEnv.getFiler().createSourceFile(name).openWriter()) {
        w.write("package p;\n" + annotation + "public class " + simple + " {\n"
            + "  public double ratio(double a, double b) {\n"
            + "    return a / b;\n" // line 4, or 5 under the annotation
            + "  }\n}\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void theClassesOfEveryRoundAreScannedOnce() {
    JavaFileObject first = JavaFileObjects.forSourceLines("p.First",
        "package p;",
        "public class First {",
        "  public double f(double x) {",
        "    return Math.log(x);",
        "  }",
        "}");
    Compilation c = javac().withOptions(SCAN).withProcessors(new NanGuardProcessor(), new SecondRoundSources())
        .compile(first);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[nanguard:log]").inFile(first).onLine(4);
    assertThat(c).hadWarningContaining("[nanguard:div]").inFile(c.generatedSourceFile("p.Written").orElseThrow())
        .onLine(4);
    List<String> warnings = c.warnings().stream()
        .map(w -> w.getSource().getName() + ":" + w.getLineNumber() + " " + w.getMessage(Locale.ROOT)).toList();
    assertThat(warnings).hasSize(2); // once each, and none in the @Generated class
  }

  @Test
  void underProcOnlyTheScanStillRuns() {
    JavaFileObject over = overloads(true);
    Sources.Result r = Sources.compile(List.of("-Ananguard.scan=all", "-proc:only"), over);
    assertThat(r.compilation()).succeeded();
    assertThat(r.compilation()).hadWarningContaining("[nanguard:div] division by 'half(d)'").inFile(over).onLine(6);
    assertThat(r.describe()).hasSize(3);
  }

  @Test
  void javacsWerrorCountsTheScansWarnings() {
    Sources.Result r = Sources.compile(List.of("-Ananguard.scan=all", "-Werror"), overloads(true));
    assertThat(r.compilation()).failed();
    assertThat(r.compilation()).hadErrorContaining("-Werror");
    assertThat(r.describe()).hasSize(3);
  }

  /**
   * Records, for the {@code new ArrayList<Double>()} in {@code p.Over.f} (each attribution
   * makes its type anew), whether javac had attributed
   * it (its type, or null) at three moments: after NaNGuard's part of each round, when processing
   * is over (after NaNGuard's listener), and when javac's attribution phase is done with the class.
   * It runs after NaNGuard in each round and listens after it; {@code attributeInRound} makes it
   * ask javac for the type itself in the round, as the in-round scan did.
   */
  static final class AttributionProbe extends EveryRoundProcessor {
    private final boolean attributeInRound;
    private Trees trees;
    private TreePath call;
    TypeMirror inRound;
    TypeMirror afterProcessing;
    TypeMirror afterAttribution;
    final List<String> events = new ArrayList<>();

    AttributionProbe(boolean attributeInRound) {
      this.attributeInRound = attributeInRound;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      trees = Trees.instance(env);
      JavacTask.instance(env).addTaskListener(new TaskListener() {
        @Override
        public void started(TaskEvent e) {
          events.add("started " + e.getKind());
        }

        @Override
        public void finished(TaskEvent e) {
          events.add("finished " + e.getKind());
          if (e.getKind() == TaskEvent.Kind.ANNOTATION_PROCESSING) {
            afterProcessing = trees.getTypeMirror(call);
          } else if (e.getKind() == TaskEvent.Kind.ANALYZE && e.getTypeElement().getSimpleName().contentEquals("Over")) {
            afterAttribution = trees.getTypeMirror(call);
          }
        }
      });
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      TypeElement over = processingEnv.getElementUtils().getTypeElement("p.Over");
      if (call == null && over != null) {
        new TreePathScanner<Void, Void>() {
          @Override
          public Void visitNewClass(NewClassTree node, Void p) {
            call = getCurrentPath();
            return null;
          }
        }.scan(trees.getPath(over), null);
        if (attributeInRound) {
          trees.getElement(call);
        }
        inRound = trees.getTypeMirror(call);
      }
      return false;
    }
  }

  private static final String WITH_BUILDER = String.join("\n",
      "package p;",
      "public class Over {",
      "  static int half(int x) { return x / 2; }",
      "  static double half(double x) { return x / 2; }",
      "  public double f(double d) {",
      "    java.util.List<Double> xs = new java.util.ArrayList<Double>();",
      "    return xs.size() / half(d);", // line 7: the overload question attributes the class
      "  }",
      "}");

  private static List<Diagnostic<? extends JavaFileObject>> compile(List<Processor> processors, List<String> events) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaCompiler.CompilationTask task = javac.getTask(null, null, d -> {
      diagnostics.report(d);
      events.add("diagnostic " + d.getMessage(Locale.ROOT));
    }, List.of("-proc:only", "-Ananguard.scan=all"), null,
        List.of(JavaFileObjects.forSourceString("p.Over", WITH_BUILDER)));
    task.setProcessors(processors);
    assertThat(task.call()).isTrue();
    return diagnostics.getDiagnostics();
  }

  @Test
  void theScanAttributesOnceWithJavacsOwnAttributionAfterTheRounds() {
    AttributionProbe probe = new AttributionProbe(false);
    List<String> events = probe.events;
    List<Diagnostic<? extends JavaFileObject>> diagnostics = compile(List.of(new NanGuardProcessor(), probe), events);
    assertThat(diagnostics).hasSize(1);
    assertThat(diagnostics.get(0).getMessage(Locale.ROOT)).startsWith("[nanguard:div] division by 'half(d)'");
    assertThat(diagnostics.get(0).getLineNumber()).isEqualTo(7);
    // Nothing attributed in the round; attributed when processing is over, by NaNGuard's question.
    assertThat(probe.inRound).isNull();
    assertThat(probe.afterProcessing).isNotNull();
    // The warning comes after the rounds, before the probe (listening after NaNGuard) hears the end.
    int warned = events.indexOf("diagnostic " + diagnostics.get(0).getMessage(Locale.ROOT));
    assertThat(events.subList(0, warned)).contains("started ANNOTATION_PROCESSING_ROUND");
    assertThat(events.subList(0, warned)).doesNotContain("finished ANNOTATION_PROCESSING");
    assertThat(events.subList(warned, events.size())).contains("finished ANNOTATION_PROCESSING");
  }

  /** NaNGuard as Gradle runs it: its init gets a wrapper around javac's environment. */
  static final class Wrapped extends EveryRoundProcessor {
    private final NanGuardProcessor delegate = new NanGuardProcessor();

    @Override
    public Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      delegate.init(new EnvironmentsTest.ForwardingEnv(env));
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }
  }

  @Test
  void behindABuildToolsWrapperTheScanStillRunsAfterTheRounds() {
    AttributionProbe probe = new AttributionProbe(false);
    List<Diagnostic<? extends JavaFileObject>> diagnostics = compile(List.of(new Wrapped(), probe), probe.events);
    assertThat(diagnostics).hasSize(1);
    assertThat(diagnostics.get(0).getLineNumber()).isEqualTo(7);
    assertThat(probe.inRound).isNull();
    assertThat(probe.afterProcessing).isNotNull();
  }

  @Test
  void javacDoesNotAttributeAgainWhatTheScanAttributed() throws IOException {
    // -proc:only ends at processing; a full compile goes on to javac's attribution phase.
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    for (boolean attributeInRound : new boolean[] {false, true}) {
      AttributionProbe probe = new AttributionProbe(attributeInRound);
      JavaCompiler.CompilationTask task = javac.getTask(null, null, new DiagnosticCollector<>(),
          List.of("-Ananguard.scan=all", "-d", Files.createTempDirectory("scan-after").toString()), null,
          List.of(JavaFileObjects.forSourceString("p.Over", WITH_BUILDER)));
      task.setProcessors(List.of(new NanGuardProcessor(), probe));
      assertThat(task.call()).isTrue();
      assertThat(probe.afterAttribution).isNotNull();
      if (attributeInRound) {
        // The control: a type found in a round is thrown away, and the class attributed again.
        assertThat(probe.inRound).isNotNull();
        assertThat(probe.afterAttribution).isNotSameInstanceAs(probe.inRound);
      } else {
        // The scan's attribution, after the rounds, is the one javac keeps: the same type object.
        assertThat(probe.inRound).isNull();
        assertThat(probe.afterAttribution).isSameInstanceAs(probe.afterProcessing);
      }
    }
  }
}
