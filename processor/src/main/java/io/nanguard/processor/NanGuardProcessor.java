package io.nanguard.processor;

import com.google.auto.service.AutoService;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.nanguard.processor.analysis.AnalysisContext;
import io.nanguard.processor.analysis.DeclarationPaths;
import io.nanguard.processor.analysis.AnalysisMode;
import io.nanguard.processor.analysis.Finding;
import io.nanguard.processor.analysis.Apis;
import io.nanguard.processor.analysis.MemberIndex;
import io.nanguard.processor.analysis.MethodAnalysis;
import io.nanguard.processor.analysis.RangeAnalyzer;
import io.nanguard.processor.analysis.Suppression;
import io.nanguard.processor.codegen.GuardedMethod;
import io.nanguard.processor.codegen.GuardedTypeGenerator;
import io.nanguard.processor.diagnostics.Diagnostics;
import io.nanguard.processor.rewrite.BodyErrors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * NaNGuard's annotation processor: for every method marked {@code @Guarded} or
 * {@code @Distance} (or in a type marked {@code @Guarded}), checks that it can be guarded, runs
 * the range analysis on its body, reports each op it cannot prove safe as a
 * {@code [nanguard:KIND]} warning on the op's own line and column, and hands the findings to the
 * code generator. With {@code -Ananguard.scan=all} it also checks every other method (warnings
 * only), once processing is over ({@link ScanAfterProcessing}). On a compiler without javac's
 * Trees API (Eclipse's ECJ) it prints one note and stops.
 */
@AutoService(Processor.class)
public final class NanGuardProcessor extends AbstractProcessor {

  static final String GUARDED = "io.nanguard.Guarded";
  static final String DISTANCE = "io.nanguard.Distance";
  private static final String GENERATED = "javax.annotation.processing.Generated";

  private ProcessorOptions options;
  private Trees trees;
  private Diagnostics diagnostics;
  private GuardedTypeWriter writer;
  private boolean noTreesNoted;
  private MemberIndex members;
  private AnalysisContext context;
  private DeferredTypes deferred;
  private ClassScan classScan;
  private ScanAfterProcessing scanAfter;
  /** This round's analyzers, one per class: what one reads of its class and unit serves all its methods. */
  private final Map<TypeElement, RangeAnalyzer> analyzers = new HashMap<>();

  /** The processor as javac's service loader creates it: it writes {@code Guarded<Name>} classes. */
  public NanGuardProcessor() {
    this(null);
  }

  /** A processor that hands guarded methods to {@code writer} (tests capture them this way). */
  NanGuardProcessor(GuardedTypeWriter writer) {
    this.writer = writer;
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    options = ProcessorOptions.parse(env.getOptions());
    trees = Environments.trees(env);
    diagnostics = new Diagnostics(env.getMessager(), trees);
    deferred = new DeferredTypes(diagnostics);
    options.problems().forEach(diagnostics::warning);
    Apis.installed().problems().forEach(diagnostics::warning);
    if (writer == null && trees != null) {
      writer = new GeneratorWriter(env, trees);
    }
    if (options.scanAll() && trees != null) {
      classScan = new ClassScan(trees, diagnostics,
          (m, unit, analysis) -> report(m, unit, analysis, Diagnostic.Kind.WARNING, Set.of()));
      scanAfter = ScanAfterProcessing.register(env, classScan, this::newContext);
    }
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return options != null && options.scanAll() ? Set.of("*") : Set.of(GUARDED, DISTANCE, GENERATED);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return ProcessorOptions.NAMES;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (trees == null) {
      if (!noTreesNoted && !annotations.isEmpty()) {
        noTreesNoted = true;
        diagnostics.note("this compiler does not offer"
            + " javac's com.sun.source.util.Trees API (e.g. Eclipse's ECJ), so NaNGuard's compile-time analysis"
            + " and Guarded classes are skipped; compile with javac (Maven, Gradle, IntelliJ) to get them."
            + " The run-time checker (Anomaly) works with any compiler.");
      }
      return false;
    }
    context = newContext();
    members = context.members();
    analyzers.clear();
    Map<TypeElement, Set<ExecutableElement>> guarded = collectGuarded(annotations, round);
    deferred.takeInto(guarded, processingEnv.getElementUtils());
    BodyErrors bodyErrors = new BodyErrors(trees, processingEnv.getElementUtils(), members);
    DeclarationPaths paths = context.paths();
    for (Map.Entry<TypeElement, Set<ExecutableElement>> e : guarded.entrySet()) {
      if (deferred.deferIfMissing(e.getKey(), e.getValue(), paths, bodyErrors, round.processingOver())) {
        continue;
      }
      List<Analysed> analysed = new ArrayList<>();
      List<GuardedMethod> methods = new ArrayList<>();
      boolean ok = true;
      for (ExecutableElement m : e.getValue()) {
        Analysed a = analyse(m, paths.of(m));
        ok &= a != null && a.guarded() != null;
        if (a != null) {
          analysed.add(a);
          if (a.guarded() != null) {
            methods.add(a.guarded());
          }
        }
      }
      // Reported once the class is written: a warning names the rewrite only if the class has it.
      Set<Tree> left = ok && !methods.isEmpty() ? writer.write(e.getKey(), methods, members) : Set.of();
      Diagnostic.Kind kind = options.werror() ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING;
      analysed.forEach(a -> report(a.method(), a.unit(), a.analysis(), kind, left));
    }
    if (options.scanAll()) {
      scan(round, guarded);
    }
    return claims(annotations, round);
  }

  /** A context for the analyses of this round, or of the scan after the rounds. */
  private AnalysisContext newContext() {
    return new AnalysisContext(processingEnv.getElementUtils(), processingEnv.getTypeUtils(), trees,
        new MemberIndex(processingEnv.getElementUtils()), options.format());
  }

  /**
   * -Ananguard.scan=all: every method with a body of this round's classes (not generated ones),
   * but the {@code guarded} ones, which the round has analysed. Scanned after the rounds where
   * javac offers it (see {@link ScanAfterProcessing}), else now.
   */
  private void scan(RoundEnvironment round, Map<TypeElement, Set<ExecutableElement>> guarded) {
    Set<Tree> done = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Set<ExecutableElement> methods : guarded.values()) {
      for (ExecutableElement m : methods) {
        Tree tree = trees.getTree(m);
        if (tree != null) {
          done.add(tree);
        }
      }
    }
    if (scanAfter != null) {
      done.forEach(scanAfter::skip);
    }
    for (Element root : round.getRootElements()) {
      TreePath path = root instanceof TypeElement t && !hasAnnotation(t, GENERATED) ? trees.getPath(t) : null;
      if (path == null) {
        continue;
      }
      if (scanAfter != null) {
        scanAfter.add(path);
      } else {
        classScan.scan(path, context, done);
      }
    }
  }

  /**
   * Whether this round's annotations are all NaNGuard's: {@code @Guarded}, {@code @Distance}, and
   * the {@code @Generated} of the classes it wrote. Claiming them keeps javac's -Xlint:processing
   * quiet ("no processor claimed ...", an error under -Werror); a round that also holds anyone
   * else's annotation claims nothing, so other processors see what they ask for.
   */
  private boolean claims(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (options.scanAll()) {
      return false;
    }
    for (TypeElement a : annotations) {
      String name = a.getQualifiedName().toString();
      boolean ours = name.equals(GUARDED) || name.equals(DISTANCE)
          || (name.equals(GENERATED) && round.getElementsAnnotatedWith(a).stream().allMatch(NanGuardProcessor::generatedByUs));
      if (!ours) {
        return false;
      }
    }
    return true;
  }

  private static boolean generatedByUs(Element e) {
    AnnotationMirror g = annotation(e, GENERATED);
    return g != null && g.getElementValues().values().stream()
        .anyMatch(v -> String.valueOf(v.getValue()).contains(GuardedTypeGenerator.PROCESSOR));
  }

  /**
   * The guarded methods of this round, by declaring type; misuse of the annotations is reported
   * here. One pass over the round's elements finds both annotations ({@code annotations} holds
   * those present), as each pass visits every member of every class.
   */
  private Map<TypeElement, Set<ExecutableElement>> collectGuarded(Set<? extends TypeElement> annotations,
      RoundEnvironment round) {
    Map<TypeElement, Set<ExecutableElement>> byType = new LinkedHashMap<>();
    List<TypeElement> ours = new ArrayList<>();
    for (String name : List.of(GUARDED, DISTANCE)) {
      annotations.stream().filter(a -> a.getQualifiedName().contentEquals(name)).forEach(ours::add);
    }
    if (ours.isEmpty()) {
      return byType;
    }
    for (Element e : round.getElementsAnnotatedWithAny(ours.toArray(TypeElement[]::new))) {
      for (TypeElement annotation : ours) {
        if (hasAnnotation(e, annotation.getQualifiedName().toString())) {
          collect(e, annotation, byType);
        }
      }
    }
    return byType;
  }

  private void collect(Element e, TypeElement annotation, Map<TypeElement, Set<ExecutableElement>> byType) {
    if (e instanceof ExecutableElement m && e.getKind() == ElementKind.METHOD) {
      List<String> problems = Misuse.ofGuarded(m, "@" + annotation.getSimpleName());
      if (problems.isEmpty()) {
        byType.computeIfAbsent((TypeElement) m.getEnclosingElement(), t -> new LinkedHashSet<>()).add(m);
      } else {
        problems.forEach(p -> error(m, p));
      }
    } else if (e instanceof TypeElement t) {
      collectTypeLevel(t, byType);
    }
  }

  /**
   * Whether {@code m} is guarded (by its own annotation or its type's) and can be: the silent
   * version of {@link #collect}, for a type deferred from an earlier round whose misuse was
   * reported then.
   */
  static boolean guardedWithoutMisuse(ExecutableElement m) {
    for (String name : List.of(GUARDED, DISTANCE)) {
      if (hasAnnotation(m, name)) {
        return Misuse.ofGuarded(m, "@" + name.substring(name.lastIndexOf('.') + 1)).isEmpty();
      }
    }
    return hasAnnotation(m.getEnclosingElement(), GUARDED) && Misuse.coveredByType(m)
        && Misuse.ofGuarded(m, "@Guarded").isEmpty();
  }

  private void collectTypeLevel(TypeElement t, Map<TypeElement, Set<ExecutableElement>> byType) {
    if (Misuse.isFinal(t)) {
      error(t, "@Guarded type " + t.getSimpleName() + " is final (or an enum or record), so no guarded subclass"
          + " can extend it; make it non-final");
      return;
    }
    for (ExecutableElement m : ElementFilter.methodsIn(t.getEnclosedElements())) {
      if (!Misuse.coveredByType(m)) {
        continue;
      }
      List<String> problems = Misuse.ofGuarded(m, "@Guarded");
      if (problems.isEmpty()) {
        byType.computeIfAbsent(t, x -> new LinkedHashSet<>()).add(m);
      } else {
        // The type-level annotation covers what can be covered; the rest is said, not failed.
        problems.forEach(p -> diagnostics.note("not guarded: " + p, m));
      }
    }
  }

  /**
   * A guarded method's analysis, to report once its class is written.
   *
   * @param guarded what the generator overrides; null if the method cannot be guarded (an error
   *     says why)
   */
  private record Analysed(ExecutableElement method, CompilationUnitTree unit, MethodAnalysis analysis,
      GuardedMethod guarded) {}

  /**
   * Analyses one guarded method, declared at {@code path} (null if its source is not available);
   * null if it could not be analysed (an error says why).
   */
  private Analysed analyse(ExecutableElement m, TreePath path) {
    MethodTree tree = path == null ? null : (MethodTree) path.getLeaf();
    if (tree == null) {
      error(m, "the source of " + m.getSimpleName() + "() is not available to NaNGuard; compile it from source");
      return null;
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    try {
      MethodAnalysis analysis = analyzer(m, unit).analyze(m, tree, AnalysisMode.GUARDED);
      if (hasAnnotation(m, DISTANCE)) {
        List<String> problems = Misuse.ofDistance(m, analysis);
        if (!problems.isEmpty()) {
          problems.forEach(p -> error(m, p));
          return null;
        }
      }
      double eps = Epsilons.of(m, options.eps());
      if (!ProcessorOptions.validEps(eps)) {
        // Every guarded call would throw at run time: said now, on the method, instead.
        error(m, "eps = " + eps + " is not a usable epsilon for " + m.getSimpleName() + "(); it must be a number with"
            + " 0 < eps < 1 (the default is " + ProcessorOptions.DEFAULT_EPS + ")");
        return new Analysed(m, unit, analysis, null);
      }
      return new Analysed(m, unit, analysis, new GuardedMethod(m, path, eps, analysis.findings()));
    } catch (RuntimeException | StackOverflowError e) {
      error(m, "NaNGuard could not analyse " + m.getSimpleName() + "() (" + e + "); it was not guarded."
          + " Please report this with the method's source.");
      return null;
    }
  }

  /**
   * The analyzer of {@code m}'s class. A RangeAnalyzer holds only what it read of its class and
   * unit (imports, the class's kinds) and memos that are functions of a tree, so one per class
   * gives every method the answer a fresh one would.
   */
  private RangeAnalyzer analyzer(ExecutableElement m, CompilationUnitTree unit) {
    return analyzers.computeIfAbsent((TypeElement) m.getEnclosingElement(), owner -> new RangeAnalyzer(context, owner, unit));
  }

  /** Reports {@code m}'s findings; those of {@code left} are ops the generated class leaves as written. */
  private void report(ExecutableElement m, CompilationUnitTree unit, MethodAnalysis analysis, Diagnostic.Kind kind,
      Set<Tree> left) {
    for (Finding f : analysis.findings()) {
      if (Suppression.silences(m, f.hazard()) || Suppression.silences(analysis.suppressionsOf(f), f.hazard())) {
        continue;
      }
      diagnostics.finding(kind, f.hazard(), left.contains(f.op()) ? f.leftAsWrittenMessage() : f.message(), f.op(),
          unit);
    }
  }

  private void error(Element e, String message) {
    diagnostics.error(message, e);
  }

  static boolean hasAnnotation(Element e, String name) {
    return annotation(e, name) != null;
  }

  static AnnotationMirror annotation(Element e, String name) {
    for (AnnotationMirror a : e.getAnnotationMirrors()) {
      if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(name)) {
        return a;
      }
    }
    return null;
  }

  /** The eps in force for a method: its annotation's, then its type's {@code @Guarded}, then the option. */
  static final class Epsilons {
    private Epsilons() {}

    static double of(ExecutableElement m, double option) {
      for (Element e : List.of(m, m.getEnclosingElement())) {
        for (String name : List.of(GUARDED, DISTANCE)) {
          Double eps = explicitEps(annotation(e, name));
          if (eps != null) {
            return eps;
          }
        }
      }
      return option;
    }

    private static Double explicitEps(AnnotationMirror a) {
      if (a == null) {
        return null;
      }
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> v : a.getElementValues().entrySet()) {
        if (v.getKey().getSimpleName().contentEquals("eps") && v.getValue().getValue() instanceof Double d) {
          return d;
        }
      }
      return null;
    }
  }
}
