package io.nanguard.check;

import io.nanguard.ops.OpSpec;
import io.nanguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Turns the anomaly checker on for the current thread until closed:
 *
 * <pre>{@code
 * try (Anomaly a = Anomaly.detect()) {
 *   Tensor loss = model.loss(batch);
 *   loss.backward();          // throws NonFiniteException at the first error
 *   optimizer.step();         // so a failed check never reaches the parameters
 * }
 * }</pre>
 *
 * <p>Every op of the thread is checked: non-finite forward outputs, non-finite gradients produced
 * by a backward rule, non-finite leaf inputs (errors), and inputs at an op's singular point
 * before any NaN exists (warnings). See {@link FindingKind}.
 *
 * <p><b>Modes.</b> By default the first error throws {@link NonFiniteException} from the op that
 * found it, carrying everything found so far. With {@link AnomalyOptions.Builder#collectAll()}
 * nothing is thrown while the code runs; {@link #report()} shows what was found so far, and
 * {@link #close()} throws {@link NonFiniteException} with the full report if it holds an error that
 * was not thrown yet. Warnings alone never throw: read them in {@link #report()}.
 *
 * <p><b>Threads and nesting.</b> A scope is confined to the thread that opened it (other threads
 * are not checked and cannot close it). Scopes nest: while an inner scope is open it receives the
 * findings under its own options; when it closes, its findings are appended to the enclosing
 * scope, so an outer collecting scope sees everything in its extent. Scopes must close innermost
 * first, as try-with-resources does.
 */
public final class Anomaly implements AutoCloseable {

  /** What the checker remembers of a forward op whose gradient it expects to go bad. */
  record ForwardRecord(Site site, OpSpec spec, int sequence) {}

  private final AnomalyOptions options;
  private final Checker checker;
  private final Thread owner;
  private final List<Finding> findings = new ArrayList<>();
  private final Set<Finding> seen = new HashSet<>();
  // Tensors use identity equality, so weak maps key them by identity without pinning them for a
  // long-lived scope.
  private final Map<Tensor, ForwardRecord> forward = new WeakHashMap<>();
  private final Map<Tensor, Object> reportedLeaves = new WeakHashMap<>();
  /** Outputs seen non-finite. */
  private final Set<Tensor> nonFinite = Collections.newSetFromMap(new WeakHashMap<>());
  /** Leaf gradient summaries: effects of the errors above them, so the report lists them last. */
  private final Map<Tensor, LeafGradient> leafGradients = new LinkedHashMap<>();
  private final GradientCheck gradients;
  private final Map<Finding, Integer> blameOrder = new HashMap<>();
  private int forwardCount;
  /** Parameter names learnt from checkGradients, for findings about those tensors. */
  private final Map<Tensor, String> names = new WeakHashMap<>();
  private int omitted;
  private int thrownErrors;
  private boolean closed;

  /** A leaf's non-finite gradient elements so far, and the summary finding they make. */
  private static final class LeafGradient {
    final BitSet bad = new BitSet();
    final Site site;
    Finding finding;

    LeafGradient(Site site) {
      this.site = site;
    }
  }

  private Anomaly(AnomalyOptions options, Checker checker) {
    this.options = options;
    this.checker = checker;
    this.owner = Thread.currentThread();
    this.gradients = new GradientCheck(options);
  }

  /** Checks the current thread, throwing at the first error. */
  public static Anomaly detect() {
    return detect(AnomalyOptions.defaults());
  }

  /** Checks the current thread with the given options. */
  public static Anomaly detect(AnomalyOptions options) {
    if (options == null) {
      throw new IllegalArgumentException("Anomaly.detect: options must not be null");
    }
    Checker checker = Checker.forCurrentThread();
    Anomaly scope = new Anomaly(options, checker);
    checker.push(scope);
    return scope;
  }

  /** Whether a scope is open on the current thread. */
  public static boolean isActive() {
    return Checker.activeOnCurrentThread();
  }

  /**
   * Adds a finding made outside NaNGuard's own engine (by the guard or listener of another tensor
   * library) to the innermost scope open on the current thread, under that scope's options (an
   * error throws in throw mode). Does nothing when no scope is open.
   */
  public static void reportToCurrent(Finding finding) {
    if (Checker.activeOnCurrentThread()) {
      Checker.forCurrentThread().top().add(finding);
    }
  }

  /** The options this scope runs with. */
  public AnomalyOptions options() {
    return options;
  }

  /** Everything found so far, first cause first. */
  public Report report() {
    List<Finding> all = new ArrayList<>(findings);
    leafGradients.values().forEach(g -> all.add(g.finding));
    return new Report(all, omitted);
  }

  /**
   * Checks parameters' gradients, typically between {@code backward()} and the optimizer step:
   * a non-finite gradient is an error (thrown at once unless collecting, so the step never runs);
   * a gradient norm above {@link AnomalyOptions#gradientNormThreshold()} or grown by more than
   * {@link AnomalyOptions#gradientGrowthFactor()} since the previous call is a warning naming the
   * parameter and its largest rows. Parameters without a gradient are skipped.
   *
   * @return the report so far
   */
  public Report checkGradients(Map<String, Tensor> params) {
    checkOwner("checkGradients");
    Site site = Site.current();
    for (GradientReport.Entry e : GradientReport.of(params).entries()) {
      if (!e.hasGradient()) {
        continue;
      }
      Tensor param = params.get(e.name());
      Tensor grad = param.grad();
      LeafGradient summary = leafGradients.get(param);
      if (summary != null) {
        // backward already reported this gradient: give that finding the parameter's name instead of repeating it
        names.put(param, e.name());
        summary.finding = leafFinding(param, summary);
        continue;
      }
      gradients.gradient(e, grad.data(), grad.shape(), site).forEach(this::add);
    }
    return report();
  }

  /**
   * Checks parameter values, typically right after an optimizer step: any non-finite value is an
   * error naming the parameter and its rows.
   *
   * @return the report so far
   */
  public Report checkParameters(Map<String, Tensor> params) {
    checkOwner("checkParameters");
    Site site = Site.current();
    params.forEach((name, p) -> {
      Finding bad = gradients.parameter(name, p.shape(), p.data(), site);
      if (bad != null) {
        add(bad);
      }
    });
    return report();
  }

  /**
   * Ends checking for this scope. Throws {@link NonFiniteException} with the full report if the
   * scope holds an error that has not been thrown yet (collect mode); warnings alone do not throw.
   * Closing twice does nothing.
   *
   * @throws IllegalStateException if called from another thread or before an inner scope closed
   */
  @Override
  public void close() {
    checkOwner("close");
    if (closed) {
      return;
    }
    checker.pop(this);
    closed = true;
    Anomaly outer = checker.top();
    if (outer != null) {
      outer.absorb(this);
    }
    if (errorCount() > thrownErrors) {
      thrownErrors = errorCount();
      throw new NonFiniteException(report());
    }
  }

  // ---------------------------------------------------------------- used by the Checker

  /** Records a finding; in throw mode an error throws at once. Exact repeats are dropped. */
  void add(Finding f) {
    if (!seen.add(f)) {
      return;
    }
    if (findings.size() + leafGradients.size() >= options.maxFindings()) {
      omitted++;
      return;
    }
    findings.add(f);
    if (f.severity() == Severity.ERROR && !options.collectAll()) {
      thrownErrors = errorCount();
      throw new NonFiniteException(report());
    }
  }

  /** Remembers a flagged forward op; records are numbered in forward order. */
  void recordForward(Tensor output, Site site, OpSpec spec) {
    forward.put(output, new ForwardRecord(site, spec, forwardCount++));
  }

  /**
   * Records a gradient error blamed on a recorded forward op. Backward meets ops in reverse, so
   * consecutive such errors are kept in forward order: the first cause stays first.
   */
  void addBlame(Finding f, ForwardRecord record) {
    int before = findings.size();
    blameOrder.put(f, record.sequence());
    add(f);
    if (findings.size() == before + 1) {
      int i = before;
      while (i > 0 && blameOrder.getOrDefault(findings.get(i - 1), -1) > record.sequence()) {
        findings.set(i, findings.get(i - 1));
        i--;
      }
      findings.set(i, f);
    }
  }

  ForwardRecord forwardRecord(Tensor output) {
    return forward.get(output);
  }

  void markNonFinite(Tensor output) {
    nonFinite.add(output);
  }

  boolean sawNonFinite() {
    return !nonFinite.isEmpty();
  }

  boolean isKnownNonFinite(Tensor t) {
    return nonFinite.contains(t);
  }

  /** Whether the leaf was already reported as non-finite (and marks it reported). */
  boolean firstReportOf(Tensor leaf) {
    return reportedLeaves.put(leaf, Boolean.TRUE) == null;
  }

  String nameOf(Tensor t) {
    String name = options.nameOf(t);
    return name != null ? name : names.get(t);
  }

  /** The sites of the gradient errors found so far, which are what a leaf's bad gradient comes from. */
  List<String> gradientCauses() {
    List<String> causes = new ArrayList<>();
    for (Finding f : findings) {
      String cause = f.op() + " at " + f.site().fileLine();
      if (f.kind() == FindingKind.NON_FINITE_GRADIENT && !f.op().equals(Finding.PARAMETER_GRADIENT) && !causes.contains(cause)) {
        causes.add(cause);
      }
    }
    return causes;
  }

  /**
   * Adds the non-finite elements of one gradient contribution to a leaf's summary finding, which
   * keeps its place in the report (after the errors that caused it) and grows as more arrive.
   */
  void leafGradient(Tensor leaf, double[] contribution, Site siteIfNew) {
    LeafGradient acc = leafGradients.get(leaf);
    if (acc == null) {
      if (findings.size() + leafGradients.size() >= options.maxFindings()) {
        omitted++;
        return;
      }
      acc = new LeafGradient(siteIfNew);
      leafGradients.put(leaf, acc);
    }
    for (int i = 0; i < contribution.length; i++) {
      if (!Double.isFinite(contribution[i])) {
        acc.bad.set(i);
      }
    }
    acc.finding = leafFinding(leaf, acc);
    if (!options.collectAll()) {
      thrownErrors = errorCount();
      throw new NonFiniteException(report());
    }
  }

  private Finding leafFinding(Tensor leaf, LeafGradient acc) {
    double[] mask = new double[leaf.numel()];
    acc.bad.stream().forEach(i -> mask[i] = Double.NaN);
    Elements e = Elements.nonFinite(mask, leaf.shape());
    String name = nameOf(leaf);
    String what = name == null ? "leaf tensor " + e.shape() : "parameter '" + name + "' " + e.shape();
    List<String> causes = gradientCauses();
    return e.finding(FindingKind.NON_FINITE_GRADIENT, Finding.PARAMETER_GRADIENT, acc.site,
        "gradient of " + what + " is non-finite " + e.where()
            + (causes.isEmpty() ? "" : ", caused by " + String.join(", ", causes))
            + "; an optimizer step now would write NaN into those rows: skip it");
  }

  void checkOwner(String what) {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("Anomaly." + what + ": this scope belongs to thread '" + owner.getName()
          + "', not '" + Thread.currentThread().getName() + "' (scopes are confined to the thread that opened them)");
    }
  }

  /** Takes over a closed inner scope's findings; its errors were thrown by the inner scope already. */
  private void absorb(Anomaly inner) {
    int before = errorCount();
    for (Finding f : inner.report().findings()) {
      if (seen.add(f)) {
        findings.add(f);
      }
    }
    omitted += inner.omitted;
    thrownErrors += errorCount() - before;
  }

  private int errorCount() {
    int n = leafGradients.size();
    for (Finding f : findings) {
      if (f.severity() == Severity.ERROR) {
        n++;
      }
    }
    return n;
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
