package io.nanguard.check;

import io.nanguard.ops.BinarySpec;
import io.nanguard.ops.EngineOp;
import io.nanguard.ops.Failure;
import io.nanguard.ops.Flow;
import io.nanguard.ops.OpSpec;
import io.nanguard.ops.Range;
import io.nanguard.tensor.OpListener;
import io.nanguard.tensor.OpListeners;
import io.nanguard.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The per-thread {@link OpListener} behind {@link Anomaly}: checks each op and routes findings to
 * the innermost open scope.
 *
 * <p>Cost model: a safe op costs one finiteness pass over its output (skipped for ops that only
 * copy input elements), one over each small leaf input (large leaves: once per forward pass),
 * one min/max pass over the input a catalogue op with singular points constrains (one
 * catalogue question for the whole range), and in backward one pass over each gradient a rule
 * produced (skipped for rules that only copy, negate or sum the upstream gradient, and for
 * reductions whose gradient is finite when their small output is). The user's source line is
 * looked up only when something is found, so a clean run never walks the stack; to still name
 * the forward line of an op whose gradient later goes bad, that line is remembered when the
 * forward pass already saw the input at a singular point (the warning).
 *
 * <p>Trusted without a scan: tensors computed by ops before the scope opened (leaves are always
 * scanned), and leaf data written in place between two ops of one forward pass.
 */
final class Checker implements OpListener {

  private static final ThreadLocal<Checker> CURRENT = new ThreadLocal<>();

  // What each op needs scanning is read from its Flow (io.nanguard.ops.TensorOps and the
  // catalogue rows): COPIES outputs are finite when their inputs are, which the checker has
  // already established (a leaf is scanned, an op output was checked when made). COPIES and
  // LINEAR backward only copies, negates or sums the upstream gradient: while no gradient of the
  // pass has gone bad, what they produce is finite (a sum of finite gradients can overflow only
  // near 1e308, a risk Autograd's own accumulation shares), so they are not scanned; once one
  // has, everything is scanned, so a leaf's summary still sees every bad contribution.
  // FINITE_IF_OUTPUT_FINITE reductions (logSumExp: g * softmax; crossEntropy:
  // (softmax - onehot) * g / batch) have a finite gradient whenever their output and the
  // upstream gradient are, both far smaller, so those are scanned instead: a finite log-sum-exp
  // means no NaN or +inf in the line, so softmax lies in [0, 1]; a -inf input gets exactly 0.
  /** Leaves at least this large are scanned once per forward pass instead of at every use. */
  private static final int CACHED_LEAF_SIZE = 256;

  private final Deque<Anomaly> scopes = new ArrayDeque<>();
  /**
   * Large leaves already found finite in this forward pass. Cleared when backward starts, since
   * the optimizer step that usually follows writes the parameters in place.
   */
  private final Map<Tensor, Boolean> finiteLeaves = new IdentityHashMap<>();
  private boolean inBackward;
  /** Whether a non-finite gradient appeared in the current backward pass. */
  private boolean gradientWentBad;
  private final OpListener displaced;

  private Checker(OpListener displaced) {
    this.displaced = displaced;
  }

  static Checker forCurrentThread() {
    Checker c = CURRENT.get();
    if (c == null) {
      c = new Checker(null);
      OpListener previous = OpListeners.install(c);
      if (previous != null) {
        OpListeners.install(previous);
        throw new IllegalStateException("Anomaly.detect: another op listener (" + previous.getClass().getName()
            + ") is installed on this thread; NaNGuard's checker cannot share the hook");
      }
      CURRENT.set(c);
    }
    return c;
  }

  static boolean activeOnCurrentThread() {
    return CURRENT.get() != null;
  }

  void push(Anomaly scope) {
    scopes.push(scope);
    finiteLeaves.clear();
  }

  void pop(Anomaly scope) {
    if (scopes.peek() != scope) {
      throw new IllegalStateException("Anomaly.close: an inner Anomaly scope opened after this one is still open;"
          + " close scopes innermost first (try-with-resources does)");
    }
    scopes.pop();
    finiteLeaves.clear();
    if (scopes.isEmpty()) {
      OpListeners.install(displaced);
      CURRENT.remove();
    }
  }

  Anomaly top() {
    return scopes.peek();
  }

  // ---------------------------------------------------------------- forward

  @Override
  public void onForward(Tensor output, EngineOp engineOp, Tensor[] inputs) {
    Anomaly scope = scopes.peek();
    inBackward = false;
    String op = engineOp.name();
    for (Tensor in : inputs) {
      if (in.isLeaf()) {
        checkLeaf(scope, in, op);
      }
    }
    OpSpec spec = engineOp.checkedRow();
    if (spec != null) {
      checkDomain(scope, output, op, spec, inputs[engineOp.checkedOperand()], engineOp.checkedOperandName());
    } else if (engineOp instanceof BinarySpec row && row.hazardous()) {
      checkJoint(scope, output, row, inputs[0], inputs[1]);
    }
    double[] y = output.data();
    if (engineOp.flow().copiesForward() || sharesStorage(y, inputs)) {
      // A copy is as finite as what it copies; it only needs marking so no later op mistakes it for a leaf.
      if (scope.sawNonFinite() && !Elements.allFinite(y)) {
        scope.markNonFinite(output);
      }
    } else if (!Elements.allFinite(y)) {
      scope.markNonFinite(output);
      if (allFinite(inputs)) {
        Elements bad = Elements.nonFinite(y, output.shape());
        String fix = spec != null && !spec.advice().isEmpty()
            ? "; fix: " + spec.advice()
            : "; the result overflowed: rescale the inputs or use a stable form (logSumExp, softmax, logSigmoid)";
        scope.add(bad.finding(FindingKind.NON_FINITE_FORWARD, op, Site.current(), op + " produced "
            + y[bad.first()] + " " + bad.where() + " from finite inputs" + fix));
      }
    }
  }

  private void checkLeaf(Anomaly scope, Tensor leaf, String op) {
    double[] x = leaf.data();
    if (x.length < CACHED_LEAF_SIZE) {
      if (!Elements.allFinite(x)) {
        nonFiniteLeaf(scope, leaf, op);
      }
    } else if (!finiteLeaves.containsKey(leaf)) {
      if (Elements.allFinite(x)) {
        finiteLeaves.put(leaf, Boolean.TRUE);
      } else {
        nonFiniteLeaf(scope, leaf, op);
      }
    }
  }

  private static void nonFiniteLeaf(Anomaly scope, Tensor leaf, String op) {
    // Without a gradient an op's output is a leaf too; one the checker saw go bad is not news.
    if (scope.isKnownNonFinite(leaf) || !scope.firstReportOf(leaf)) {
      return;
    }
    scope.markNonFinite(leaf);
    Elements bad = Elements.nonFinite(leaf.data(), leaf.shape());
    String name = scope.nameOf(leaf);
    String what = name != null ? "parameter '" + name + "'"
        : leaf.requiresGrad() ? "parameter (leaf requiring grad)" : "input tensor";
    scope.add(bad.finding(FindingKind.NON_FINITE_INPUT, op, Site.current(), what + " " + bad.shape()
        + " holds " + leaf.data()[bad.first()] + " " + bad.where() + " and is used by " + op
        + "; a parameter usually turns NaN after an optimizer step on a NaN gradient (check gradients before stepping),"
        + " input data after a bad load or division"));
  }

  /** Inputs at the op's singular points; a gradient failure matters only if a gradient flows. */
  private static void checkDomain(Anomaly scope, Tensor output, String op, OpSpec spec, Tensor hazardInput,
      String operand) {
    boolean gradFlows = output.requiresGrad();
    double[] x = hazardInput.data();
    if (!anyUnsafe(spec, x, gradFlows)) {
      return;
    }
    Elements bad = Elements.where(x, hazardInput.shape(), v -> unsafe(spec, v, gradFlows));
    double x0 = x[bad.first()];
    Failure failure = spec.failureAt(x0);
    String effect = failure == Failure.FORWARD
        ? "the value is not finite (" + spec.name() + "(" + x0 + ") = " + spec.apply(x0) + ")"
        : "the value is finite but the gradient is not (d " + spec.name() + "/dx = "
            + spec.derivative(x0, spec.apply(x0)) + " there), so backward will produce inf or NaN";
    Site site = Site.current();
    scope.add(bad.finding(FindingKind.UNSAFE_INPUT, op, site, op + " " + operand + " is " + x0 + " " + bad.where()
        + (gradFlows && failure == Failure.GRADIENT ? " while a gradient flows" : "") + ": " + effect
        + "; fix: " + spec.advice()));
    if (gradFlows) {
      scope.recordForward(output, site, spec);
    }
  }

  /**
   * A binary row whose operands decide its safety jointly (atan2 at (0, 0)): one min/max pass per
   * operand and one catalogue question about both ranges; pair by pair, broadcast as the engine
   * does, only when the ranges reach a singular point, each pair judged by the row itself.
   */
  private static void checkJoint(Anomaly scope, Tensor output, BinarySpec row, Tensor a, Tensor b) {
    boolean gradFlows = output.requiresGrad();
    Range ra = range(a.data());
    Range rb = range(b.data());
    Failure worst = ra == null || rb == null ? null : row.failureWithin(ra, rb);
    if (worst == null || (worst == Failure.GRADIENT && !gradFlows)) {
      return;
    }
    BroadcastPairs pairs = new BroadcastPairs(a, b, output.shape());
    boolean gradA = a.requiresGrad();
    boolean gradB = b.requiresGrad();
    IntPredicate bad = i -> {
      double av = pairs.a(i);
      double bv = pairs.b(i);
      Failure f = Double.isNaN(av) || Double.isNaN(bv) ? null : row.failureAt(av, bv, gradA, gradB);
      return f == Failure.FORWARD || (f == Failure.GRADIENT && gradFlows);
    };
    Elements found = Elements.whereIndex(pairs.size(), output.shape(), bad);
    if (found.count() == 0) {
      return;
    }
    double a0 = pairs.a(found.first());
    double b0 = pairs.b(found.first());
    double y0 = row.apply(a0, b0);
    Failure failure = row.failureAt(a0, b0, gradA, gradB);
    String at = row.name() + "(" + a0 + ", " + b0 + ")";
    String effect = failure == Failure.FORWARD
        ? "the value is not finite (" + at + " = " + y0 + ")"
        : "the value is finite but the gradient is not (the partials of " + at + " are "
            + row.partialA().at(a0, b0, y0) + " and " + row.partialB().at(a0, b0, y0)
            + "), so backward will produce inf or NaN";
    Site site = Site.current();
    scope.add(found.finding(FindingKind.UNSAFE_INPUT, row.name(), site, row.name() + " operands are (" + a0 + ", "
        + b0 + ") " + found.where() + (gradFlows && failure == Failure.GRADIENT ? " while a gradient flows" : "")
        + ": " + effect + "; fix: " + row.advice()));
    if (gradFlows) {
      scope.recordForward(output, site, null);
    }
  }

  /** The range of the non-NaN values, or null if there are none. */
  private static Range range(double[] x) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
    }
    return lo > hi ? null : Range.closed(lo, hi);
  }

  /**
   * One min/max pass and one catalogue question about the whole range; element by element only
   * when the range reaches a singular point. NaN inputs are skipped: whatever made them was
   * reported where it happened.
   */
  private static boolean anyUnsafe(OpSpec spec, double[] x, boolean gradFlows) {
    Range r = range(x);
    if (r == null) {
      return false; // empty, or only NaN
    }
    if (gradFlows ? spec.failureWithin(r) == null : spec.valueDomain().covers(r)) {
      return false;
    }
    for (double v : x) {
      if (unsafe(spec, v, gradFlows)) {
        return true;
      }
    }
    return false;
  }

  private static boolean unsafe(OpSpec spec, double v, boolean gradFlows) {
    Failure f = spec.failureAt(v);
    return !Double.isNaN(v) && (f == Failure.FORWARD || (f == Failure.GRADIENT && gradFlows));
  }

  // ---------------------------------------------------------------- backward

  @Override
  public void onBackward(Tensor output, EngineOp op, int inputIndex, Tensor input, double[] gradOutput,
      double[] gradInput) {
    if (!inBackward) {
      inBackward = true;
      gradientWentBad = false;
      finiteLeaves.clear();
    }
    if ((!gradientWentBad && op.flow().keepsGradientsFinite())
        || (op.flow() == Flow.FINITE_IF_OUTPUT_FINITE && Elements.allFinite(output.data())
            && Elements.allFinite(gradOutput))
        || Elements.allFinite(gradInput)) {
      return;
    }
    gradientWentBad = true;
    Anomaly scope = scopes.peek();
    Site backwardSite = Site.current();
    boolean caused = Elements.allFinite(gradOutput) && Elements.allFinite(input.data())
        && Elements.allFinite(output.data());
    if (caused) {
      blame(scope, output, op, inputIndex, input, gradInput, backwardSite);
    }
    if (input.isLeaf()) {
      scope.leafGradient(input, gradInput, backwardSite);
    }
  }

  /** The op whose backward turned a finite gradient non-finite, named at its forward line when known. */
  private static void blame(Anomaly scope, Tensor output, EngineOp engineOp, int inputIndex, Tensor input,
      double[] gradInput, Site backwardSite) {
    Elements bad = Elements.nonFinite(gradInput, input.shape());
    Anomaly.ForwardRecord record = scope.forwardRecord(output);
    OpSpec spec = record != null ? record.spec() : inputIndex == engineOp.checkedOperand() ? engineOp.checkedRow() : null;
    String op = engineOp.name();
    double x0 = input.data()[bad.first()];
    Failure failure = spec == null ? null : spec.failureAt(x0);
    String why = failure != null
        ? ": its input was " + x0 + " there, where " + spec.name() + " has a " + failure.describe()
            + "; the non-finite gradient spreads to everything upstream; fix: " + spec.advice()
        : record != null && engineOp instanceof BinarySpec row
            ? ": its operands were at a singular point of " + row.name() + " (see the warning at its forward line);"
                + " the non-finite gradient spreads to everything upstream; fix: " + row.advice()
        : ": the local derivative times the upstream gradient overflowed (an exploding gradient);"
            + " fix: rescale, clip (GradClip.clipNorm) or use a stable form";
    String where = record != null ? "" : " (forward line not recorded; reported at the backward() call)";
    Finding f = bad.finding(FindingKind.NON_FINITE_GRADIENT, op, record != null ? record.site() : backwardSite,
        "backward of " + op + " produced " + gradInput[bad.first()] + " in the gradient of its "
            + (inputIndex == 0 ? "input" : "input #" + inputIndex) + " " + bad.where()
            + " from a finite upstream gradient" + why + where);
    if (record != null) {
      scope.addBlame(f, record);
    } else {
      scope.add(f);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static boolean sharesStorage(double[] y, Tensor[] inputs) {
    for (Tensor in : inputs) {
      if (in.data() == y) {
        return true;
      }
    }
    return false;
  }

  private static boolean allFinite(Tensor[] inputs) {
    for (Tensor in : inputs) {
      if (!Elements.allFinite(in.data())) {
        return false;
      }
    }
    return true;
  }
}
