package io.nanguard.demo.bench;

import io.nanguard.processor.NanGuardProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A synthetic training-code corpus (classes of 20 methods: tensor losses, double math, loops,
 * strings and collections; 10% of the methods {@code @Guarded}) and its compilation with the
 * JDK's javac in this process, with or without NaNGuard's processor. Used by
 * {@link ProcessorBench} (JMH) and {@link ProcessorOverhead} (interleaved harness).
 */
public final class ProcessorCorpus {

  /** Methods per class. */
  public static final int METHODS_PER_CLASS = 20;

  /** Where the guarded 10% of the methods sit; it decides how many classes are generated. */
  public enum Layout {
    /** Two guarded methods in every class: one generated class per source class (the worst case). */
    SPREAD,
    /** Every method of every tenth class (loss classes), none elsewhere: one generated class per ten. */
    CONCENTRATED,
    /** No annotation at all: for {@code -Ananguard.scan=all}, which checks every method and generates nothing. */
    NONE;

    boolean guarded(int classIndex, int method) {
      return switch (this) {
        case SPREAD -> method % 10 == 0;
        case CONCENTRATED -> classIndex % 10 == 0;
        case NONE -> false;
      };
    }
  }

  /**
   * The tensor library the corpus is written against: the same ten method shapes, on
   * NaNGuard's {@code Tensor} or on DJL's {@code NDArray} (with DJL's {@code int[]} axes and
   * {@code Number} scalars; its provider comes with {@code nanguard-djl}).
   */
  public enum Dialect {
    /** {@code io.nanguard.tensor.Tensor}. */
    TENSOR("io.nanguard.tensor.Tensor", new String[] {
        "public Tensor dist%1$d(Tensor a, Tensor b) { return a.sub(b).square().sum(1).sqrt(); }",
        "public Tensor ce%1$d(Tensor logits) { return logits.logSoftmax(1).neg().mean(); }",
        RMS, LOGIT,
        "public Tensor unit%1$d(Tensor x) { Tensor n = x.square().sum(1, true).sqrt(); return x.div(n); }",
        POLY,
        "public Tensor kl%1$d(Tensor mu, Tensor logvar) { return logvar.exp().add(mu.square()).sub(1).sub(logvar).mul(0.5).sum(); }",
        LABEL, EVENS,
        "public double std%1$d(Tensor x) { return x.square().mean().sub(x.mean().square()).sqrt().item(); }"}),
    /** {@code ai.djl.ndarray.NDArray}. */
    NDARRAY("ai.djl.ndarray.NDArray", new String[] {
        "public NDArray dist%1$d(NDArray a, NDArray b) { return a.sub(b).square().sum(new int[] {1}).sqrt(); }",
        "public NDArray ce%1$d(NDArray logits) { return logits.logSoftmax(1).neg().mean(); }",
        RMS, LOGIT,
        "public NDArray unit%1$d(NDArray x) { NDArray n = x.square().sum(new int[] {1}, true).sqrt(); return x.div(n); }",
        POLY,
        "public NDArray kl%1$d(NDArray mu, NDArray logvar) { return logvar.exp().add(mu.square()).sub(1f).sub(logvar).mul(0.5f).sum(); }",
        LABEL, EVENS,
        "public float std%1$d(NDArray x) { return x.square().mean().sub(x.mean().square()).sqrt().getFloat(); }"});

    private final String tensorImport;
    private final String[] templates;

    Dialect(String tensorImport, String[] templates) {
      this.tensorImport = tensorImport;
      this.templates = templates;
    }
  }

  private static final String RMS =
      "public double rms%1$d(double[] xs) { double s = 0; for (double x : xs) { s += x * x; } return Math.sqrt(s / xs.length); }";
  private static final String LOGIT =
      "public double logit%1$d(double p) { if (p <= 0 || p >= 1) { return 0; } return Math.log(p) - Math.log(1 - p); }";
  private static final String POLY =
      "public double poly%1$d(double x) { double y = 1; for (int k = 0; k < %1$d + 3; k++) { y = y * x + k; } return y; }";
  private static final String LABEL =
      "public String label%1$d(int k) { StringBuilder b = new StringBuilder(); for (int j = 0; j < k; j++) { b.append(j).append(','); } return b.toString(); }";
  private static final String EVENS =
      "public List<Integer> evens%1$d(List<Integer> xs) { List<Integer> out = new ArrayList<>(); for (int x : xs) { if (x %% 2 == 0) { out.add(x); } } return out; }";

  private final List<JavaFileObject> sources;

  private ProcessorCorpus(List<JavaFileObject> sources) {
    this.sources = sources;
  }

  /** A corpus of {@code classes} classes written against NaNGuard's {@code Tensor}. */
  public static ProcessorCorpus of(int classes, Layout layout) {
    return of(classes, layout, Dialect.TENSOR);
  }

  /** A corpus of {@code classes} classes written against the given library. */
  public static ProcessorCorpus of(int classes, Layout layout, Dialect dialect) {
    List<JavaFileObject> sources = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      sources.add(source("corpus.p" + (c % 20), "Loss" + c, c, layout, dialect));
    }
    return new ProcessorCorpus(sources);
  }

  /** Number of source files. */
  public int size() {
    return sources.size();
  }

  /**
   * What one compilation produced and cost.
   *
   * @param cpuMillis CPU time of the compiling thread (javac works on one thread; unlike wall
   *     time this is not inflated by other processes on a shared machine)
   * @param processorCpuMillis the part of it spent inside the processor's own calls
   */
  public record Outcome(boolean success, int nanguardWarnings, long generatedClasses, long cpuMillis,
      long processorCpuMillis) {}

  /** What javac runs besides compiling. */
  public enum Processing {
    /** {@code -proc:none}: javac alone. */
    NONE,
    /** {@link NoOpProcessor}: javac's fixed cost of annotation processing, nothing else. */
    NO_OP,
    /** {@link OneFilePerClassProcessor}: javac's cost of a processor that generates NaNGuard's files, empty. */
    ONE_FILE_PER_CLASS,
    /** NaNGuard's processor. */
    NANGUARD
  }

  /** Compiles the corpus into a fresh temporary directory. */
  public Outcome compile(Processing processing) {
    return compile(processing, List.of());
  }

  /** Compiles the corpus, passing {@code processorOptions} (e.g. {@code -Ananguard.scan=all}) to javac. */
  public Outcome compile(Processing processing, List<String> processorOptions) {
    Path out = null;
    try {
      out = Files.createTempDirectory("nanguard-corpus");
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      int[] warnings = {0};
      DiagnosticListener<JavaFileObject> quiet = d -> {
        if (d.getKind() == Diagnostic.Kind.WARNING && d.getCode().equals("compiler.warn.proc.messager")) {
          warnings[0]++;
        }
      };
      try (StandardJavaFileManager files = javac.getStandardFileManager(quiet, Locale.ROOT, null)) {
        List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-s", out.toString(),
            "-classpath", System.getProperty("java.class.path")));
        if (processing == Processing.NONE) {
          options.add("-proc:none");
        } else {
          options.addAll(processorOptions);
        }
        JavaCompiler.CompilationTask task = javac.getTask(null, files, quiet, options, null, sources);
        TimedProcessor processor = switch (processing) {
          case NO_OP -> new TimedProcessor(new NoOpProcessor());
          case ONE_FILE_PER_CLASS -> new TimedProcessor(new OneFilePerClassProcessor());
          case NANGUARD -> new TimedProcessor(new NanGuardProcessor());
          case NONE -> null;
        };
        if (processor != null) {
          task.setProcessors(List.of(processor));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t0 = threads.getCurrentThreadCpuTime();
        boolean ok = task.call();
        long cpuMillis = (threads.getCurrentThreadCpuTime() - t0) / 1_000_000;
        long generated;
        try (Stream<Path> walk = Files.walk(out)) {
          generated = walk.filter(p -> p.getFileName().toString().startsWith("GuardedLoss")
              && p.toString().endsWith(".class")).count();
        }
        return new Outcome(ok, warnings[0], generated, cpuMillis, processor == null ? 0 : processor.cpuMillis());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(out);
    }
  }

  private static JavaFileObject source(String pkg, String name, int seed, Layout layout, Dialect dialect) {
    StringBuilder b = new StringBuilder()
        .append("package ").append(pkg).append(";\n")
        .append("import io.nanguard.Guarded;\n")
        .append("import ").append(dialect.tensorImport).append(";\n")
        .append("import java.util.ArrayList;\n")
        .append("import java.util.List;\n")
        .append("public class ").append(name).append(" {\n")
        .append("  private final double scale;\n")
        .append("  public ").append(name).append("(double scale) { this.scale = scale; }\n")
        .append("  public double scale() { return scale; }\n");
    for (int m = 0; m < METHODS_PER_CLASS; m++) {
      int template = (m + seed) % dialect.templates.length;
      if (layout == Layout.SPREAD && m % 10 == 0) {
        template = m == 0 ? 0 : 4; // hazardous templates, so the analysis and the generator both work
      }
      if (layout.guarded(seed, m)) {
        b.append("  @Guarded\n");
      }
      b.append("  ").append(String.format(Locale.ROOT, dialect.templates[template], m)).append('\n');
    }
    String text = b.append("}\n").toString();
    URI uri = URI.create("string:///" + pkg.replace('.', '/') + "/" + name + ".java");
    return new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return text;
      }
    };
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
