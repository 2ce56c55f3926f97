package io.nanguard.processor.analysis;

import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.nanguard.ops.Range;
import io.nanguard.processor.EveryRoundProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.net.URI;

/**
 * The cross-method facts as a seeded property: random final classes whose constructors check and
 * store fields, whose setters may or may not keep a field's range, and whose static helpers
 * branch on comparisons (of values, {@code Math.abs}, array lengths) before returning, or call a
 * check, a boolean helper or a private helper ({@link ParameterContracts}) of their class. The
 * analysis' claims, as {@link FieldInvariants} and {@link MethodSummaries} make them (read
 * through the return-range summary of a probe method per fact), are collected by a processor
 * during compilation; then the compiled classes run on sampled inputs, and every value a probe
 * returns must lie in the range claimed for it, and be finite where the analysis found no hazard
 * in the probe. Probes also compare {@link RangeAnalyzer#scan} with the full analysis: skipping
 * the other methods' facts where a method alone is safe must not change what is found.
 */
final class ProgramFactsProperty {

  private static final String[] COMPARISONS = {"<", "<=", ">", ">=", "==", "!="};
  private static final double[] CONSTANTS = {0, 1, -1, 0.5, 2, -3, 1e-8};
  private static final double[] SAMPLES = {0, -0.0, 1, -1, 0.5, -0.5, 2, -3, 3, 1e-8, -1e-8, 1e-300, 7.25, -42, 1e6};
  /** Whole exponents small enough that no power of a sample overflows (overflow is not modelled). */
  private static final int[] EXPONENTS = {-3, -2, -1, 0, 1, 2, 3};

  /** What one run found. */
  record Outcome(int claims, int checks, List<String> violations, int callerClaims, int safeHelpers) {}

  private Random random;
  private final Random callRandom;
  private final Map<String, Fact> claims = new LinkedHashMap<>();
  /** Probes where {@link RangeAnalyzer#scan} finds other than the full analysis. */
  private final List<String> scanMismatches = new ArrayList<>();
  /** The probes in which the analysis finds no hazard: each must return a finite value. */
  private final Set<String> safe = new java.util.HashSet<>();

  ProgramFactsProperty(long seed) {
    this.random = new Random(seed);
    this.callRandom = new Random(~seed);
  }

  Outcome run(int classes, Path workDir) throws Exception {
    List<JavaFileObject> sources = new ArrayList<>();
    for (int k = 0; k < classes; k++) {
      sources.add(source("C" + k, klass("C" + k)));
    }
    compile(sources, workDir);
    int checks = 0;
    List<String> violations = new ArrayList<>(scanMismatches);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {workDir.toUri().toURL()}, getClass().getClassLoader())) {
      for (int k = 0; k < classes; k++) {
        Class<?> c = loader.loadClass("gen.C" + k);
        for (double a : SAMPLES) {
          for (int n : EXPONENTS) {
            checks += a == 1e-300 || a == 1e6 ? 0 : probe(c, null, "pp", violations, a, n);
          }
          for (double b : SAMPLES) {
            checks += probe(c, null, "pr", violations, a, b);
            checks += probe(c, null, "pk", violations, a, b) + probe(c, null, "pz", violations, a, b);
          }
          Object o;
          try {
            o = c.getConstructor(double.class).newInstance(a);
          } catch (InvocationTargetException e) {
            continue; // the constructor's check rejected a
          }
          for (double b : SAMPLES) {
            c.getMethod("set", double.class).invoke(o, b);
            checks += probe(c, o, "pf", violations) + probe(c, o, "pg", violations) + probe(c, o, "pc", violations);
            checks += probe(c, null, "ph", violations, b) + probe(c, null, "pa", violations, b);
            checks += probe(c, null, "pu", violations, b);
            checks += probe(c, null, "pl", violations, (Object) new double[(int) Math.abs(b) % 6]);
            checks += probe(c, o, "pq", violations, b);
          }
        }
      }
    }
    long claimed = claims.values().stream().filter(f -> !f.range().equals(Range.TOP) || f.nonZero()).count();
    // Claims of the probes that call a check or branch on a predicate (the facts come from the callee).
    long callerClaimed = claims.entrySet().stream().filter(e -> e.getKey().endsWith(".pk") || e.getKey().endsWith(".pz"))
        .filter(e -> !e.getValue().range().equals(Range.TOP) || e.getValue().nonZero()).count();
    // Private helpers u proven safe: with what their caller pu passes, where u alone is not.
    long safeHelpers = safe.stream().filter(k -> k.endsWith(".u")).count();
    return new Outcome((int) claimed, checks, violations, (int) callerClaimed, (int) safeHelpers);
  }

  /**
   * Calls probe {@code name} and checks its value against the claim (its range, and finiteness if
   * the analysis found no hazard in it); 1 if something was claimed.
   */
  private int probe(Class<?> c, Object o, String name, List<String> violations, Object... args) throws Exception {
    String key = c.getSimpleName() + "." + name;
    Fact claim = claims.getOrDefault(key, safe.contains(key) ? Fact.TOP : null);
    if (claim == null) {
      return 0;
    }
    Method m = null;
    for (Method candidate : c.getMethods()) {
      if (candidate.getName().equals(name)) {
        m = candidate;
      }
    }
    double v;
    try {
      v = ((Number) m.invoke(o, args)).doubleValue();
    } catch (InvocationTargetException e) {
      return 0; // threw: nothing returned, nothing to hold
    }
    // A NaN or an infinity comes from an op the analysis flagged (an infinity only on an unbounded side).
    // pu returns what its private helper u returns, which the scan of u analyses with what pu passes
    boolean flagged = !safe.contains(key) || (name.equals("pu") && !safe.contains(c.getSimpleName() + ".u"));
    boolean holds = (flagged && Double.isNaN(v)) || (Double.isInfinite(v) ? flagged
        && (v > 0 ? claim.range().hi() : claim.range().lo()) == v
        : claim.range().contains(v) && !(claim.nonZero() && v == 0));
    if (!holds) {
      if (violations.size() < 5) {
        violations.add(c.getSimpleName() + "." + name + java.util.Arrays.deepToString(args) + " returned " + v
            + " outside the claimed " + claim.range() + (claim.nonZero() ? " (non-zero)" : "") + "\n"
            + classSources.get(c.getSimpleName()));
      }
    }
    return 1;
  }

  private final Map<String, String> classSources = new LinkedHashMap<>();

  private static boolean sameFindings(List<Finding> a, List<Finding> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).op() != b.get(i).op() || a.get(i).hazard() != b.get(i).hazard()) {
        return false;
      }
    }
    return true;
  }

  private String klass(String name) {
    String field = pick("a", "a * a", "a + 2", "a - 0.5", "Math.abs(a)", "-a", "3.0", "a * 0.5");
    String guard = random.nextInt(4) == 0 ? "" : "    if (a " + pick(COMPARISONS) + " " + constant() + ") {\n"
        + "      throw new IllegalArgumentException(\"a\");\n    }\n";
    String setter = switch (random.nextInt(4)) {
      case 0 -> "";
      case 1 -> "    g = b;\n";
      case 2 -> "    if (b " + pick(COMPARISONS) + " " + constant() + ") {\n      g = " + pick("b", "b * b", "Math.abs(b)", "1.5") + ";\n    }\n";
      default -> "    count++;\n    g = count;\n";
    };
    String counter = pick("count++;", "count += 2;", "count--;", "++count;", "count = 3;");
    String src = "package gen;\n"
        + "public final class " + name + " {\n"
        + "  private final double f;\n"
        + "  private double g = " + constant() + ";\n"
        + "  private int count;\n"
        + "  public " + name + "(double a) {\n" + guard + "    this.f = " + field + ";\n  }\n"
        + "  public void set(double b) {\n" + setter + "    " + counter + "\n  }\n"
        + "  public double pc() { return count; }\n"
        + "  public double pf() { return f; }\n"
        + "  public double pg() { return g; }\n"
        + "  private static double h(double x) {\n"
        + "    if (x " + pick(COMPARISONS) + " " + constant() + ") {\n      return " + pick("x", "x * x", "x - 1", "2.0", "-x") + ";\n    }\n"
        + "    return " + pick("x", "Math.abs(x)", "x + 1", "0.0") + ";\n  }\n"
        + "  public static double ph(double x) { return h(x) " + pick("+", "-", "*") + " " + constant() + "; }\n"
        + "  public static double pa(double x) {\n"
        + "    if (Math.abs(x) " + pick(COMPARISONS) + " " + Math.abs(constant()) + ") {\n      return 1.0;\n    }\n"
        + "    return 1.0 / x;\n  }\n"
        + "  public static double pl(double[] v) {\n"
        + "    if (v.length " + pick(COMPARISONS) + " " + random.nextInt(4) + ") {\n      return 0.0;\n    }\n"
        + "    int n = v.length - " + random.nextInt(3) + ";\n"
        + "    return n;\n  }\n"
        + "  public static double pp(double x, int n) {\n"
        + (random.nextBoolean() ? "" : "    if (n " + pick(COMPARISONS) + " " + constant() + ") {\n      return 0.0;\n    }\n")
        + (random.nextBoolean() ? "" : "    if (x " + pick(COMPARISONS) + " " + constant() + ") {\n      return 1.0;\n    }\n")
        + "    return Math.pow(" + pick("x", "Math.abs(x)", "x * x", "x - 1", "-Math.abs(x)") + ", "
        + pick("n", "n % 3", "n * n", "n + 0.5", "n / 2.0", "2 * n", "n - 1") + ");\n  }\n"
        + "  public double pq(double x) {\n    return " + pick("1.0 / f", "1.0 / g", "1.0 / count", "1.0 / h(x)", "Math.log(f)",
            "Math.sqrt(g)", "Math.pow(f, count)") + ";\n  }\n"
        + callProbes()
        + "  public static double pr(double x, double y) {\n"
        + (random.nextBoolean() ? "" : "    if (" + pick("x", "y") + " " + pick(COMPARISONS) + " " + constant() + ") {\n      return 2.0;\n    }\n")
        + "    if (" + pick("x", "y", "Math.abs(x)") + " " + pick(COMPARISONS) + " " + pick("x", "y", "Math.abs(y)") + ") {\n"
        + "      return " + pick("x - y", "y - x", "1.0 / (x - y)", "1.0 / (y - x)", "x", "y", "1.0 / y") + ";\n    }\n"
        + "    return " + pick("x - y", "1.0 / (x - y)", "0.5") + ";\n  }\n"
        + "}\n";
    classSources.put(name, src);
    return src;
  }

  /**
   * The probes of facts from other methods of the class: a check, a boolean helper and a private
   * helper. They draw from their own random stream, so the other probes stay as they were.
   */
  private String callProbes() {
    Random outer = random;
    random = callRandom;
    try {
      return ""
            + "  public static double pu(double x) {\n"
            + "    if (x " + pick(COMPARISONS) + " " + constant() + ") {\n      return 0.0;\n    }\n"
            + "    return u(" + pick("x", "x - 1", "Math.abs(x)", "x * x", "2.0") + ")"
            + (random.nextBoolean() ? "" : " + u(" + pick("x + 1", "-x", "0.5") + ")") + ";\n  }\n"
            + "  private static double u(double y) {\n    return " + pick("1.0 / y", "Math.log(y)", "Math.sqrt(y)", "y - 1",
                "1.0 / (y - 1)") + ";\n  }\n"
            + "  private static void check(double x, double y) {\n"
            + "    if (" + pick("", "!") + "(" + pick("x", "y", "Math.abs(x)", "x - y", "y - x") + " " + pick(COMPARISONS) + " "
                + pick(String.valueOf(constant()), "y", "x") + ")) {\n      throw new IllegalArgumentException();\n    }\n"
            + (random.nextBoolean() ? "" : "    if (y " + pick(COMPARISONS) + " " + constant() + ") {\n      return;\n    }\n")
            + "  }\n"
            + "  public static double pk(double x, double y) {\n"
            + "    check(" + pick("x, y", "y, x", "x, 0.0", "0.0, y") + ");\n"
            + (random.nextInt(4) == 0 ? "    x = y;\n" : "")
            + "    return " + pick("x", "y", "x - y", "y - x", "1.0 / x", "1.0 / y", "1.0 / (x - y)", "Math.log(x)") + ";\n  }\n"
            + "  private static boolean near(double x, double y, double eps) {\n"
            + "    return " + pick("Double.compare(x, y) == 0 || ", "x == y || ", "", "x " + pick(COMPARISONS) + " " + constant() + " && ")
                + pick("Math.abs(y - x) <= eps", "Math.abs(x - y) < eps", "x - y " + pick(COMPARISONS) + " eps", "Math.abs(x) <= eps")
                + ";\n  }\n"
            + "  public static double pz(double x, double y) {\n"
            + "    if (" + pick("", "!") + "near(" + pick("x, 0.0", "x, y", "0.0, x", "x, 0") + ", "
                + pick("1e-8", "0.0", "-1.0", "Math.abs(y)", "y") + ")) {\n      return 2.0;\n    }\n"
            + "    return " + pick("x", "x - y", "1.0 / x", "1.0 / (x - y)", "1.0 / (y - x)", "Math.log(Math.abs(x))") + ";\n  }\n";
    } finally {
      random = outer;
    }
  }

  private double constant() {
    return CONSTANTS[random.nextInt(CONSTANTS.length)];
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }

  private static JavaFileObject source(String name, String text) {
    return new SimpleJavaFileObject(URI.create("string:///gen/" + name + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return text;
      }
    };
  }

  private void compile(List<JavaFileObject> sources, Path out) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JavaCompiler.CompilationTask task = javac.getTask(null, null, null,
        List.of("-d", out.toString()), null, sources);
    task.setProcessors(List.of(new Claims()));
    if (!task.call()) {
      throw new AssertionError("the generated classes did not compile");
    }
  }

  /** Reads the analysis' claim about every probe method of the round's classes. */
  private final class Claims extends EveryRoundProcessor {
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      Trees trees = Trees.instance(processingEnv);
      AnalysisContext context = new AnalysisContext(processingEnv.getElementUtils(), processingEnv.getTypeUtils(),
          trees, new MemberIndex(processingEnv.getElementUtils()));
      for (Element root : round.getRootElements()) {
        for (ExecutableElement m : ElementFilter.methodsIn(root.getEnclosedElements())) {
          if (m.getSimpleName().toString().startsWith("p") || m.getSimpleName().contentEquals("u")) {
            Fact f = context.summaries().returnOf(m);
            String key = root.getSimpleName() + "." + m.getSimpleName().toString().toLowerCase(Locale.ROOT);
            if (f != null) {
              claims.put(key, f);
            }
            TreePath path = trees.getPath(m);
            RangeAnalyzer analyzer = new RangeAnalyzer(context, (TypeElement) root, path.getCompilationUnit());
            List<Finding> full = analyzer.analyze(m, (MethodTree) path.getLeaf(), AnalysisMode.SCAN).findings();
            if (full.isEmpty()) {
              safe.add(key);
            }
            // scan() skips the other methods' facts where the method alone is safe: the same findings
            if (!sameFindings(full, analyzer.scan(m, (MethodTree) path.getLeaf()).findings())) {
              scanMismatches.add(key + ": scan() and analyze(SCAN) differ\n" + classSources.get(root.getSimpleName().toString()));
            }
          }
        }
      }
      return false;
    }
  }
}
