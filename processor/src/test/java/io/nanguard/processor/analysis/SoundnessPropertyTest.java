package io.nanguard.processor.analysis;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.nanguard.ops.Failure;
import io.nanguard.ops.OpCatalog;
import io.nanguard.ops.OpSpec;
import io.nanguard.ops.Range;
import io.nanguard.ops.api.ApiMethod;
import io.nanguard.ops.api.Role;
import io.nanguard.ops.api.TensorLibraryApi;
import io.nanguard.tensor.Tensor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Soundness of the range analysis, as a seeded property over random expressions built from the
 * tensor {@link io.nanguard.ops.api.ApiTable}: whenever {@link Transfer} (the code the processor runs on every op)
 * calls every op of an expression safe, evaluating the expression with the real {@code Tensor}
 * engine on inputs drawn from the declared ranges gives finite values and finite gradients, and
 * every intermediate value lies in the range the analysis computed for it.
 *
 * <p>Inputs are drawn from bounded ranges (the analysis is generic in the range, so bounded
 * versions of the annotations' ranges test the same transfer functions), with exact ends, special
 * points (0, &plusmn;1) and tiny values (1e-200) over-represented. Overflow is outside what the
 * analysis models (as in DEBAR): a non-finite value from finite inputs at which the catalogue
 * says the op is defined (e.g. a square of 1e200), or a non-finite gradient once some value has
 * left [1e-100, 1e100] in magnitude, is counted and discarded, and must stay rare. Every other
 * non-finite value or gradient of an expression called safe fails the test.
 */
class SoundnessPropertyTest {

  private static final int REQUIRED_SAFE_CASES = 100_000;
  private static final int SAMPLES_PER_EXPRESSION = 2;
  private static final int MAX_DEPTH = 4;
  private static final double HUGE = 1e100;

  private static final Range[] DECLARED = {
      Range.closed(-30, 30), Range.closed(0, 30), new Range(0, true, 30, false), Range.UNIT,
      new Range(0, true, 1, true), Range.closed(-1, 1), new Range(-1, true, 1, true), Range.closed(1, 30),
      Range.closed(-30, 0), Range.closed(-800, 800)};
  private static final double[] CONSTANTS = {0, 1, -1, 0.5, 2, 1e-8, 3, -2, 0.1, 700};
  private static final double[] EXPONENTS = {-1, -0.5, 0.5, 1.5, 2, 3, 0.25, -2};
  private static final List<String> UNARY = List.copyOf(OpCatalog.unaryOps().keySet());

  /** A node of a random expression. */
  private abstract static class Node {
    Fact fact;
    boolean safe;

    abstract int rank();
  }

  private static final class Leaf extends Node {
    final int var;
    final Range declared;

    Leaf(int var, Range declared) {
      this.var = var;
      this.declared = declared;
      this.fact = Fact.of(declared);
      this.safe = true;
    }

    @Override
    int rank() {
      return 1;
    }

    @Override
    public String toString() {
      return "x" + var + declared;
    }
  }

  private static final class Const extends Node {
    final double value;

    Const(double value) {
      this.value = value;
      this.fact = Fact.of(Range.point(value));
      this.safe = true;
    }

    @Override
    int rank() {
      return 0;
    }

    @Override
    public String toString() {
      return Double.toString(value);
    }
  }

  private static final class Op extends Node {
    final ApiMethod method;
    final List<Node> operands;
    final Method reflective;
    final int rank;

    Op(ApiMethod method, List<Node> operands, int rank) {
      this.method = method;
      this.operands = operands;
      this.rank = rank;
      Class<?>[] types = new Class<?>[operands.size() - 1];
      for (int i = 1; i < operands.size(); i++) {
        Node o = operands.get(i);
        types[i - 1] = !(o instanceof Const) ? Tensor.class : i == method.dimArg() ? int.class : double.class;
      }
      try {
        this.reflective = Tensor.class.getMethod(method.name(), types);
      } catch (NoSuchMethodException e) {
        throw new AssertionError("the table names " + method.key() + " but Tensor has no such method", e);
      }
      List<Fact> in = new ArrayList<>();
      boolean operandsSafe = true;
      for (Node o : operands) {
        in.add(o.fact);
        operandsSafe &= o.safe;
      }
      Transfer.Step step = Transfer.apply(method, in);
      this.fact = step.result();
      this.safe = operandsSafe && step.check() == null;
    }

    @Override
    int rank() {
      return rank;
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder().append(operands.get(0)).append('.').append(method.name()).append('(');
      for (int i = 1; i < operands.size(); i++) {
        b.append(i > 1 ? ", " : "").append(operands.get(i));
      }
      return b.append(')').toString();
    }
  }

  /** Why one evaluation stopped: an overflow outside the analysis' model. */
  private static final class Overflow extends RuntimeException {
    Overflow() {
      super(null, null, false, false);
    }
  }

  private final Random random = new Random(20261126L);
  private boolean extreme;

  @Test
  void safeVerdictsHoldOnConcreteInputs() throws Exception {
    int safeCases = 0;
    int safeExpressions = 0;
    int discarded = 0;
    int unsafeNonFinite = 0;
    List<String> violations = new ArrayList<>();
    for (int generated = 0; safeCases < REQUIRED_SAFE_CASES && generated < 3_000_000; generated++) {
      Range[] vars = {pick(DECLARED), pick(DECLARED), pick(DECLARED)};
      Node e = generate(vars, MAX_DEPTH);
      if (!(e instanceof Op)) {
        continue;
      }
      if (e.safe) {
        safeExpressions++;
      }
      for (int s = 0; s < SAMPLES_PER_EXPRESSION; s++) {
        double[][] inputs = new double[vars.length][3];
        for (int v = 0; v < vars.length; v++) {
          for (int k = 0; k < 3; k++) {
            inputs[v][k] = sample(vars[v]);
          }
        }
        String problem;
        try {
          problem = evaluate(e, inputs, e.safe);
        } catch (Overflow o) {
          if (e.safe) {
            discarded++;
          }
          continue;
        }
        if (e.safe) {
          safeCases++;
          if (problem != null && violations.size() < 5) {
            violations.add(problem + " in " + e + " at " + java.util.Arrays.deepToString(inputs));
          }
        } else if (problem != null) {
          unsafeNonFinite++;
        }
      }
    }
    System.out.printf("soundness: %d safe cases (%d safe expressions), %d discarded as overflow,"
        + " %d non-finite results among flagged expressions%n", safeCases, safeExpressions, discarded, unsafeNonFinite);
    assertWithMessage("safe verdicts contradicted by concrete evaluation").that(violations).isEmpty();
    assertThat(safeCases).isAtLeast(REQUIRED_SAFE_CASES);
    assertThat(safeExpressions).isAtLeast(REQUIRED_SAFE_CASES / SAMPLES_PER_EXPRESSION / 2);
    // Overflow outside the model stays rare, and the sampler does reach singular points: the
    // same harness sees non-finite results for expressions the analysis did flag.
    assertThat(discarded).isLessThan(safeCases / 20);
    assertThat(unsafeNonFinite).isGreaterThan(1000);
  }

  /**
   * The facts that reach across methods: a field's invariant (from its constructors' checks, its
   * initialiser and every other store), a method's return-range summary (through comparisons
   * on values, {@code Math.abs} and array lengths), and what a called check or a boolean
   * helper a caller branches on establishes of the arguments must hold for every value the compiled program
   * returns; a claim the program does not keep is a failure.
   */
  @Test
  void fieldInvariantsAndSummariesHoldOnConcreteRuns(@TempDir Path classes) throws Exception {
    ProgramFactsProperty.Outcome o = new ProgramFactsProperty(20261201L).run(120, classes);
    System.out.printf("program facts: %d non-trivial claims, %d concrete checks%n", o.claims(), o.checks());
    assertWithMessage("claims contradicted by running the program").that(o.violations()).isEmpty();
    assertThat(o.claims()).isAtLeast(200); // the generator does give the analysis something to claim
    assertThat(o.callerClaims()).isAtLeast(12); // ... also from checks and predicates in other methods
    System.out.printf("program facts: %d claims from checks and predicates, %d private helpers safe%n", o.callerClaims(),
        o.safeHelpers());
    assertThat(o.safeHelpers()).isAtLeast(45); // 27 without what their callers pass
    assertThat(o.checks()).isAtLeast(10_000);
  }

  /** Null if values, ranges and gradients are all as promised, else what went wrong. */
  private String evaluate(Node root, double[][] inputs, boolean checkRanges) throws Exception {
    Tensor[] leaves = new Tensor[inputs.length];
    for (int v = 0; v < inputs.length; v++) {
      leaves[v] = Tensor.of(inputs[v].clone()).requiresGrad(true);
    }
    List<String> problems = new ArrayList<>();
    extreme = false;
    for (double[] in : inputs) {
      noteMagnitudes(in);
    }
    Tensor out = (Tensor) eval(root, leaves, problems, checkRanges);
    if (!problems.isEmpty()) {
      return problems.get(0);
    }
    Tensor loss = out.sum();
    if (loss.requiresGrad()) {
      loss.backward();
    }
    for (Tensor leaf : leaves) {
      if (leaf.grad() != null && !allFinite(leaf.grad().toArray())) {
        if (extreme) {
          throw new Overflow(); // chain-rule products of huge (or 1/tiny) derivatives
        }
        return "non-finite gradient " + java.util.Arrays.toString(leaf.grad().toArray());
      }
    }
    return null;
  }

  private Object eval(Node n, Tensor[] leaves, List<String> problems, boolean checkRanges) throws Exception {
    if (n instanceof Leaf l) {
      return leaves[l.var];
    }
    if (n instanceof Const c) {
      return c.value;
    }
    Op op = (Op) n;
    Object[] args = new Object[op.operands.size() - 1];
    Tensor receiver = (Tensor) eval(op.operands.get(0), leaves, problems, checkRanges);
    boolean inputsFinite = allFinite(receiver.toArray());
    for (int i = 1; i < op.operands.size(); i++) {
      Object a = eval(op.operands.get(i), leaves, problems, checkRanges);
      if (a instanceof Tensor t) {
        inputsFinite &= allFinite(t.toArray());
      }
      args[i - 1] = op.reflective.getParameterTypes()[i - 1] == int.class ? (int) ((Double) a).doubleValue() : a;
    }
    Tensor out;
    try {
      out = (Tensor) op.reflective.invoke(receiver, args);
    } catch (InvocationTargetException e) {
      throw new AssertionError("generator built an invalid call " + op, e.getCause());
    }
    double[] values = out.toArray();
    noteMagnitudes(values);
    if (!allFinite(values)) {
      if (inputsFinite && !atSingularPoint(op, receiver, args)) {
        throw new Overflow(); // finite inputs where the op is defined: rounding overflow, not a singularity
      }
      problems.add("non-finite value " + java.util.Arrays.toString(values) + " from " + op.method.key());
    } else if (checkRanges) {
      for (double v : values) {
        if (!withinRounding(op.fact, v)) {
          problems.add("value " + v + " outside the range " + op.fact.range() + " of " + op.method.key());
          break;
        }
      }
    }
    return out;
  }

  /** Whether an input of op is where the catalogue says its value is not finite. */
  private static boolean atSingularPoint(Op op, Tensor x, Object[] args) {
    OpSpec spec = switch (op.method.role()) {
      case UNARY -> op.method.op();
      case POW -> OpCatalog.pow((Double) args[0]);
      default -> null;
    };
    if (op.method.role() == Role.DIV) {
      double[] divisor = args[0] instanceof Tensor t ? t.toArray() : new double[] {(Double) args[0]};
      return java.util.Arrays.stream(divisor).anyMatch(b -> OpCatalog.divisor().failureAt(b) == Failure.FORWARD);
    }
    return spec != null && java.util.Arrays.stream(x.toArray()).anyMatch(v -> spec.failureAt(v) == Failure.FORWARD);
  }

  /** Records whether this evaluation has left the magnitudes where derivatives cannot overflow. */
  private void noteMagnitudes(double[] values) {
    for (double v : values) {
      double a = Math.abs(v);
      extreme |= a > HUGE || (a > 0 && a < 1 / HUGE);
    }
  }

  /** Range membership up to rounding of non-zero ends (0 ends and non-zero facts are exact). */
  private static boolean withinRounding(Fact f, double v) {
    if (f.nonZero() && v == 0) {
      return false;
    }
    Range r = f.range();
    double lo = r.lo() == 0 ? 0 : r.lo() - Math.abs(r.lo()) * 1e-9;
    double hi = r.hi() == 0 ? 0 : r.hi() + Math.abs(r.hi()) * 1e-9;
    return new Range(lo, r.loOpen() && r.lo() == 0, hi, r.hiOpen() && r.hi() == 0).contains(v);
  }

  private Node generate(Range[] vars, int depth) {
    if (depth == 0 || random.nextInt(4) == 0) {
      int v = random.nextInt(vars.length);
      return new Leaf(v, vars[v]);
    }
    Node x = generate(vars, depth - 1);
    switch (random.nextInt(9)) {
      case 0, 1, 2:
        return op(UNARY.get(random.nextInt(UNARY.size())), 0, x);
      case 3:
        return op("pow", 1, x, new Const(EXPONENTS[random.nextInt(EXPONENTS.length)]));
      case 4: {
        String name = List.of("add", "sub", "mul", "div").get(random.nextInt(4));
        Node y = random.nextBoolean() ? new Const(pickConstant()) : generate(vars, depth - 1);
        return op(name, 1, x, y);
      }
      case 5:
        if (x.rank() == 1) {
          String name = List.of("softmax", "logSoftmax", "logSumExp", "max", "sum", "mean", "norm").get(random.nextInt(7));
          return op(name, 1, x, new Const(0));
        }
        return op(List.of("sum", "mean", "norm").get(random.nextInt(3)), 0, x);
      case 6: {
        double a = pickConstant();
        double b = pickConstant();
        return random.nextBoolean()
            ? op("clamp", 2, x, new Const(Math.min(a, b)), new Const(Math.max(a, b)))
            : op("clampMin", 1, x, new Const(a));
      }
      case 7: {
        Node y = generate(vars, depth - 1);
        String name = List.of("maximum", "minimum", "dist").get(random.nextInt(3));
        return op(name, 1, x, y);
      }
      default:
        return op(List.of("sum", "mean", "norm", "detach").get(random.nextInt(4)), 0, x);
    }
  }

  private static Node op(String name, int arity, Node... operands) {
    ApiMethod m = TensorLibraryApi.TABLE.instanceMethod(name, arity);
    int rank = 0;
    for (Node o : operands) {
      rank = Math.max(rank, o instanceof Const ? 0 : o.rank());
    }
    Map<Role, Integer> ranks = Map.of(Role.SUM, 0, Role.MEAN, 0, Role.NORM, 0, Role.MAX, 0, Role.LOG_SUM_EXP, 0);
    return new Op(m, List.of(operands), ranks.getOrDefault(m.role(), rank));
  }

  private double sample(Range r) {
    int mode = random.nextInt(20);
    if (mode < 5) {
      boolean low = random.nextBoolean();
      double end = low ? r.lo() : r.hi();
      boolean open = low ? r.loOpen() : r.hiOpen();
      if (!open) {
        return end;
      }
      double step = end == 0 && random.nextInt(4) == 0 ? 1e-200 : Math.max(1e-6, Math.abs(end) * 1e-9);
      double v = low ? end + step : end - step;
      return r.contains(v) ? v : (r.lo() + r.hi()) / 2;
    }
    if (mode < 8) {
      double[] special = {0, 1, -1, 0.5};
      double v = special[random.nextInt(special.length)];
      if (r.contains(v)) {
        return v;
      }
    }
    return r.lo() + random.nextDouble() * (r.hi() - r.lo());
  }

  private double pickConstant() {
    return CONSTANTS[random.nextInt(CONSTANTS.length)];
  }

  private <T> T pick(T[] options) {
    return options[random.nextInt(options.length)];
  }

  private static boolean allFinite(double[] values) {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
