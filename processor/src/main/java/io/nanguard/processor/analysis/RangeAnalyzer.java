package io.nanguard.processor.analysis;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;
import io.nanguard.ops.FloatFormat;
import io.nanguard.ops.Failure;
import io.nanguard.ops.Hazard;
import io.nanguard.ops.OpCatalog;
import io.nanguard.ops.OpSpec;
import io.nanguard.ops.Range;
import io.nanguard.ops.api.ApiMethod;
import io.nanguard.ops.api.ApiTable;
import io.nanguard.ops.api.JavaMathApi;
import io.nanguard.ops.api.Returns;
import io.nanguard.ops.api.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.Name;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Interval abstract interpretation over one method body, on javac's (unattributed) trees.
 *
 * <p>Each expression gets a {@link Value}: literals are points, parameters are TOP unless a
 * range annotation says more, locals follow their assignments, if/else joins both branches
 * (narrowed by simple comparisons with constants), loops are iterated with widening, calls to
 * methods with range annotations or {@code @Distance} use those facts, and calls on a value of a
 * library's tensor type (or on a class of its static functions) are looked up in that library's
 * {@link ApiTable} ({@link Apis}) and evaluated by {@link Transfer}. Anything else is TOP.
 * Each op whose {@link Check} fails becomes a {@link Finding}, or a stability finding when it
 * completes one of the {@link Compositions}.
 */
public final class RangeAnalyzer {

  private static final int MAX_LOOP_ROUNDS = 12;
  private static final String SUPPRESS = "SuppressWarnings";

  private final AnalysisContext context;
  private final Apis apis;
  private final Kinds kinds;
  private final TypeElement owner;
  private final CompilationUnitTree unit;
  private final List<ApiTable> staticImports;
  private final MemberIndex members;
  /**
   * The overload sets of the calls analysed so far, by type, name and arity: a loop's body is
   * walked once per fixpoint pass and a class's methods call the same methods, and the set
   * depends on nothing else (the round's members, this class's {@link Kinds}).
   */
  private final Map<TypeElement, Map<String, OverloadSet>> overloadSets = new HashMap<>();
  /**
   * The stable names of the methods analysed so far: a function of the method's tree alone, and
   * a scan analyses a method twice (without, then with other methods' facts).
   */
  private final Map<MethodTree, StableNames> stableNamesByMethod = new IdentityHashMap<>();
  /**
   * The paths of the trees of each method whose overloads javac was asked about, by the method's
   * element: a function of its declaration, built at its first question.
   */
  private final Map<ExecutableElement, Optional<BodyPaths>> bodyPathsByMethod = new HashMap<>();
  /**
   * The roots of each narrowing key met, and whether a call ends it (a root is a field a call
   * may assign): functions of the key and this class's fields, asked of every key at every call.
   */
  private final Map<String, List<String>> rootsByKey = new HashMap<>();
  private final Map<String, Boolean> endedByCalls = new HashMap<>();

  /** The methods of one name and arity, and whether their return types type a finding alike. */
  private record OverloadSet(List<ExecutableElement> methods, boolean sameReturn) {}

  /** Where {@link FieldInvariants} learns the values a method stores in fields: by field name. */
  @FunctionalInterface
  interface FieldWrites {
    void stored(String field, Fact value);
  }

  /** Where {@link ParameterContracts} learns the arguments of calls: each call's argument values, as evaluated. */
  @FunctionalInterface
  interface CallSites {
    void called(MethodInvocationTree call, List<Value> args);
  }

  /** Creates an analyzer for methods of {@code owner}, declared in {@code unit}. */
  public RangeAnalyzer(AnalysisContext context, TypeElement owner, CompilationUnitTree unit) {
    this.context = context;
    this.members = context.members();
    this.apis = Apis.installed();
    this.kinds = new Kinds(context.types(), members, context.elements().getModuleOf(owner), apis, owner, unit);
    this.owner = owner;
    this.unit = unit;
    this.staticImports = staticallyImported(unit, apis);
  }

  /** Analyses the body of {@code method} (declared by {@code tree}) for the given purpose. */
  public MethodAnalysis analyze(ExecutableElement method, MethodTree tree, AnalysisMode mode) {
    return run(method, tree, mode, null, true, null).analysis();
  }

  /**
   * Analyses {@code method} for {@code -Ananguard.scan=all}: first with what the method itself
   * shows, and only if that finds something, again with the facts of other methods (field
   * invariants, return summaries), which cost an analysis of the constructors, setters and
   * callees they come from. Those facts only narrow ranges, so a method proven safe without them
   * is safe with them: most methods of a codebase have no finding and never pay for them.
   */
  public MethodAnalysis scan(ExecutableElement method, MethodTree tree) {
    Run alone = run(method, tree, AnalysisMode.SCAN, null, false, null);
    // Nor does a method whose analysis met nothing another method could bound: a second
    // analysis would give the same findings.
    return alone.analysis().findings().isEmpty() || !alone.othersMayTell() ? alone.analysis()
        : analyze(method, tree, AnalysisMode.SCAN);
  }

  /**
   * One analysis, and whether a fact of another method could have changed it (false only when
   * it ran without them and met no field, callee or caller such a fact can come from).
   */
  private record Run(MethodAnalysis analysis, boolean othersMayTell) {}

  /** As {@link #analyze(ExecutableElement, MethodTree, AnalysisMode)}, telling {@code writes} each value stored in a field. */
  MethodAnalysis analyze(ExecutableElement method, MethodTree tree, AnalysisMode mode, FieldWrites writes) {
    return run(method, tree, mode, writes, true, null).analysis();
  }

  /**
   * Runs {@code method}'s body for its facts, with what it shows alone (no facts of other
   * methods: bounded cost), telling {@code calls} the arguments of every call it makes.
   */
  void observeCalls(ExecutableElement method, MethodTree tree, CallSites calls) {
    run(method, tree, AnalysisMode.FACTS, null, false, calls);
  }

  private Run run(ExecutableElement method, MethodTree tree, AnalysisMode mode, FieldWrites writes,
      boolean crossMethod, CallSites calls) {
    Walker w = new Walker(mode, writes, tree, Precisions.declared(method, context.format()), crossMethod);
    w.calls = calls;
    w.element = method;
    // Only the scan of a method with a finding uses what its callers pass (see ParameterContracts).
    List<Fact> contract = mode == AnalysisMode.SCAN && crossMethod ? context.contracts().of(method) : null;
    Map<String, Fact> entry = new HashMap<>();
    List<? extends VariableElement> params = method.getParameters();
    for (int i = 0; i < params.size(); i++) {
      VariableElement p = params.get(i);
      Fact f = RangeAnnotations.of(p);
      if (contract != null) {
        f = new Fact(f.range().meet(contract.get(i).range()), f.nonZero() || contract.get(i).nonZero());
      }
      Value v = kinds.value(f, p.asType(), null);
      w.env.put(text(p.getSimpleName()), v);
      entry.put(text(p.getSimpleName()), v.fact());
    }
    if (tree.getBody() != null) {
      // The body's statements, not the block: the state at its end keeps what its checks narrowed.
      w.scan(tree.getBody().getStatements(), null);
      if (completesNormally(tree.getBody())) {
        w.exits = Env.join(w.exits, w.env);
      }
    }
    Map<String, Fact> established = mode == AnalysisMode.FACTS ? w.parameterFacts(w.exits, entry) : Map.of();
    return new Run(new MethodAnalysis(new ArrayList<>(w.findings.values()), w.suppressions, w.returns, established),
        crossMethod || w.othersMayTell || ParameterContracts.mayBound(method));
  }

  /**
   * What {@code condition}, the whole body of the boolean method {@code method}
   * ({@code return condition;}), evaluating to {@code truth} tells of its parameters when they
   * hold {@code args}: by {@link Narrowing} key, the facts narrower than the arguments' own.
   */
  Map<String, Fact> whenReturns(ExecutableElement method, MethodTree tree, ExpressionTree condition, boolean truth,
      List<Value> args) {
    Walker w = new Walker(AnalysisMode.FACTS, null, tree, Precisions.declared(method, context.format()), true);
    w.element = method;
    Map<String, Fact> entry = new HashMap<>();
    List<? extends VariableElement> params = method.getParameters();
    for (int i = 0; i < params.size(); i++) {
      Value v = kinds.value(args.get(i).fact(), params.get(i).asType(), null);
      w.env.put(text(params.get(i).getSimpleName()), v);
      entry.put(text(params.get(i).getSimpleName()), v.fact());
    }
    w.eval(condition); // resolves the calls the condition makes, for their own summaries
    return w.parameterFacts(w.refine(w.env.copy(), condition, truth), entry);
  }

  /** Runs an initialiser block of the class, telling {@code writes} each value stored in a field. */
  void analyzeBlock(BlockTree block, FieldWrites writes) {
    new Walker(AnalysisMode.FACTS, writes, null, context.format(), true).scan(block, null);
  }

  /** What is known of an expression evaluated with no local in scope (a field's initialiser). */
  Fact evaluate(ExpressionTree initializer) {
    return new Walker(AnalysisMode.FACTS, null, null, context.format(), true).eval(initializer).fact();
  }

  /** The libraries whose static functions the unit imports statically ({@code import static java.lang.Math.*}). */
  private static List<ApiTable> staticallyImported(CompilationUnitTree unit, Apis apis) {
    List<ApiTable> out = new ArrayList<>();
    for (ImportTree i : unit.getImports()) {
      ApiTable t = i.isStatic() ? apis.forStaticType(qualifierOf(i.getQualifiedIdentifier().toString())) : null;
      if (t != null && !out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /** {@code name} as a string, converted once per compilation (javac decodes it at each toString). */
  private String text(Name name) {
    return context.text(name);
  }

  private static String qualifierOf(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  /** The tree walk; one per method, holding the current state. */
  private final class Walker extends TreeScanner<Value, Void> {
    Env env = new Env();
    final Map<Tree, Finding> findings = new LinkedHashMap<>();
    final Map<Tree, Set<String>> suppressions = new IdentityHashMap<>();
    final List<Value> returns = new ArrayList<>();
    /** The states in which the method returns normally, joined (null: none yet). */
    Env exits;
    /** Told the arguments of each call outside a lambda, or null. */
    CallSites calls;
    /** The method walked, or null for an initialiser. */
    ExecutableElement element;
    /**
     * Whether this walk, without other methods' facts, met a field with a possible invariant or a
     * callee with a possible summary: with them, it could have found something else.
     */
    boolean othersMayTell;
    /** The method each resolved call of the body invokes, with its argument values where it was evaluated. */
    private final Map<MethodInvocationTree, Resolved> resolved = new IdentityHashMap<>();
    private final List<Set<String>> suppressionStack = new ArrayList<>();
    private final Map<Tree, LoopState> loops = new IdentityHashMap<>();
    private final JumpTargets jumps = new JumpTargets();
    private final AnalysisMode mode;
    private final FieldWrites writes;
    /** The method's tree, or null for an initialiser. */
    private final MethodTree method;
    /** Its stable names, found at the first question (most methods never ask). */
    private StableNames stableNames;
    private final MaxSubtraction maxSubtraction;
    /** The format declared for provider libraries in this method, or null for each library's own. */
    private final FloatFormat declaredFormat;
    /** Whether field invariants and return summaries (facts of other methods) are used. */
    private final boolean crossMethod;
    private int lambdaDepth;

    Walker(AnalysisMode mode, FieldWrites writes, MethodTree method, FloatFormat declaredFormat, boolean crossMethod) {
      this.mode = mode;
      this.crossMethod = crossMethod;
      this.writes = writes;
      this.method = method;
      this.maxSubtraction = new MaxSubtraction(method);
      this.declaredFormat = declaredFormat;
    }

    private StableNames stableNames() {
      if (stableNames == null) {
        stableNames = method == null ? StableNames.NONE : stableNamesByMethod.computeIfAbsent(method, StableNames::of);
      }
      return stableNames;
    }

    Value eval(ExpressionTree t) {
      Value v = scan(t, null);
      return v != null ? v : Value.unknown(t);
    }

    // ---- statements -------------------------------------------------------------------------

    @Override
    public Value visitVariable(VariableTree node, Void p) {
      Set<String> keys = suppressionKeys(node);
      if (!keys.isEmpty()) {
        suppressionStack.add(keys);
      }
      try {
        TypeMirror declared = kinds.typeOf(node.getType());
        Value init = node.getInitializer() == null ? null : eval(node.getInitializer());
        boolean inferred = node.getType() == null && init != null;
        Kind kind = inferred ? init.kind() : kinds.kindOf(node.getType(), declared);
        ApiTable api = inferred ? init.api() : kinds.apiOf(node.getType(), declared, kind);
        Value v = init == null
            ? Value.plain(Fact.TOP, kind, api, declared, null)
            : new Value(Precisions.stored(init.fact(), declared), kind, api,
                declared != null ? declared : init.type(), init.origin(),
                init.operands(), init.opTree(), init.tree());
        env.put(text(node.getName()), v);
        return null;
      } finally {
        if (!keys.isEmpty()) {
          suppressionStack.remove(suppressionStack.size() - 1);
        }
      }
    }

    @Override
    public Value visitReturn(ReturnTree node, Void p) {
      Value v = node.getExpression() == null ? null : eval(node.getExpression());
      if (lambdaDepth == 0) { // a lambda's return is the lambda's, not the method's
        if (v != null) {
          returns.add(v);
        }
        exits = Env.join(exits, env.copy());
      }
      return null;
    }

    @Override
    public Value visitIf(IfTree node, Void p) {
      eval(node.getCondition());
      Env before = env;
      env = refine(before.copy(), node.getCondition(), true);
      scan(node.getThenStatement(), null);
      Env afterThen = env;
      env = refine(before.copy(), node.getCondition(), false);
      if (node.getElseStatement() != null) {
        scan(node.getElseStatement(), null);
      }
      Env afterElse = env;
      boolean thenFalls = completesNormally(node.getThenStatement());
      boolean elseFalls = node.getElseStatement() == null || completesNormally(node.getElseStatement());
      if (thenFalls && elseFalls) {
        env = afterThen.merge(afterElse, false);
      } else if (thenFalls) {
        env = afterThen;
      } else if (elseFalls) {
        env = afterElse;
      } else {
        env = before; // nothing falls through: what follows is unreachable
      }
      return null;
    }

    @Override
    public Value visitBlock(BlockTree node, Void p) {
      Set<String> outer = env.names();
      super.visitBlock(node, p);
      env = env.restrictedTo(outer); // the block's locals go out of scope (a field may be visible again)
      return null;
    }

    @Override
    public Value visitLabeledStatement(LabeledStatementTree node, Void p) {
      StatementTree s = node.getStatement();
      jumps.label(node.getLabel().toString());
      if (s instanceof WhileLoopTree || s instanceof DoWhileLoopTree || s instanceof ForLoopTree
          || s instanceof EnhancedForLoopTree || s instanceof SwitchTree) {
        scan(s, null); // the statement takes the label
        return null;
      }
      JumpTargets.Target t = jumps.enter(node);
      scan(s, null);
      jumps.exit(t);
      env = or(Env.join(completesNormally(s) ? env : null, t.breaks), env);
      return null;
    }

    @Override
    public Value visitBreak(BreakTree node, Void p) {
      jumps.breakWith(node.getLabel() == null ? null : node.getLabel().toString(), env);
      return null;
    }

    @Override
    public Value visitContinue(ContinueTree node, Void p) {
      jumps.continueWith(node.getLabel() == null ? null : node.getLabel().toString(), env);
      return null;
    }

    @Override
    public Value visitYield(YieldTree node, Void p) {
      jumps.yieldWith(eval(node.getValue()), env);
      return null;
    }

    @Override
    public Value visitWhileLoop(WhileLoopTree node, Void p) {
      loop(node, node.getCondition(), true, node.getStatement(), List.of());
      return null;
    }

    @Override
    public Value visitDoWhileLoop(DoWhileLoopTree node, Void p) {
      loop(node, node.getCondition(), false, node.getStatement(), List.of());
      return null;
    }

    @Override
    public Value visitForLoop(ForLoopTree node, Void p) {
      Set<String> outer = env.names();
      for (StatementTree s : node.getInitializer()) {
        scan(s, null);
      }
      loop(node, node.getCondition(), true, node.getStatement(), node.getUpdate());
      env = env.restrictedTo(outer);
      return null;
    }

    @Override
    public Value visitEnhancedForLoop(EnhancedForLoopTree node, Void p) {
      Set<String> outer = env.names();
      Value iterable = eval(node.getExpression());
      VariableTree var = node.getVariable();
      TypeMirror declared = kinds.typeOf(var.getType());
      if (var.getType() == null && iterable.type() instanceof ArrayType a) {
        env.put(text(var.getName()), kinds.value(Fact.TOP, a.getComponentType(), null));
      } else {
        Kind kind = kinds.kindOf(var.getType(), declared);
        env.put(text(var.getName()),
            Value.plain(Fact.TOP, kind, kinds.apiOf(var.getType(), declared, kind), declared, null));
      }
      loop(node, null, true, node.getStatement(), List.of());
      env = env.restrictedTo(outer);
      return null;
    }

    /**
     * Iterates a loop body from its head state to a fixpoint: a plain join after the first pass
     * (precise for a variable set once in the body), widening after (a second plain join kept
     * the same warnings on the real-code corpus for 16% more passes), and after {@link #MAX_LOOP_ROUNDS}
     * passes every fact that still moves is dropped and one last pass is made under it. The
     * head state of each loop is kept for the whole method, so an inner loop entered again by
     * the next pass of an outer one starts where it stopped, and is not iterated at all when the
     * new entry state adds nothing to it: the passes over all loops grow with the nesting depth,
     * not exponentially in it. The loop is left when its condition is false, or by a break with
     * the state at the break.
     */
    private void loop(Tree node, ExpressionTree condition, boolean conditionFirst, StatementTree body,
        List<? extends Tree> update) {
      Env entry = env;
      String label = jumps.takeLabel();
      LoopState known = loops.get(node);
      Env head = entry;
      int round = 0;
      if (known != null) {
        head = known.head().merge(entry, true);
        if (head.sameFacts(known.head())) {
          env = known.exit().copy(); // this entry adds nothing: the last fixpoint still holds
          return;
        }
        round = known.rounds();
      }
      boolean forced = false;
      boolean exitsAtHead = condition == null && node.getKind() == Tree.Kind.ENHANCED_FOR_LOOP;
      Env exit;
      while (true) {
        jumps.label(label);
        JumpTargets.Target t = jumps.enter(node);
        env = head.copy();
        exit = exitsAtHead ? head.copy() : null;
        if (conditionFirst) {
          exit = Env.join(exit, test(condition));
        }
        scan(body, null);
        Env end = Env.join(completesNormally(body) ? env : null, t.continues);
        if (end != null) {
          env = end;
          for (Tree u : update) {
            scan(u, null);
          }
          if (!conditionFirst) {
            exit = Env.join(exit, test(condition));
          }
          end = env;
        }
        jumps.exit(t);
        exit = Env.join(exit, t.breaks);
        Env next = end == null ? head : head.merge(end, round >= 1);
        boolean stable = next.sameFacts(head);
        head = next;
        round++;
        if (stable || forced) {
          break;
        }
        if (round >= MAX_LOOP_ROUNDS) {
          head = head.forgetChangedSince(entry); // give up precision, never soundness
          forced = true;
        }
      }
      exit = or(exit, head); // a loop nothing leaves: what follows is unreachable
      loops.put(node, new LoopState(head, exit, round));
      env = exit.copy();
    }

    /**
     * Evaluates a loop condition in the current state, leaves the state in which it is true and
     * returns the one in which it is false (null for a missing or constant-true condition).
     */
    private Env test(ExpressionTree condition) {
      if (condition == null) {
        return null;
      }
      eval(condition);
      boolean alwaysTrue = stripParens(condition) instanceof LiteralTree l && Boolean.TRUE.equals(l.getValue());
      Env whenFalse = alwaysTrue ? null : refine(env.copy(), condition, false);
      env = refine(env, condition, true);
      return whenFalse;
    }

    @Override
    public Value visitTry(TryTree node, Void p) {
      Env before = env.copy();
      Set<String> outer = env.names();
      scan(node.getResources(), null);
      scan(node.getBlock(), null);
      Env afterTry = env.restrictedTo(outer);
      Env merged = before.merge(afterTry, false);
      for (CatchTree c : node.getCatches()) {
        env = merged.copy();
        scan(c.getBlock(), null);
        afterTry = afterTry.merge(env, false);
      }
      env = afterTry;
      if (node.getFinallyBlock() != null) {
        scan(node.getFinallyBlock(), null);
      }
      return null;
    }

    @Override
    public Value visitSwitch(SwitchTree node, Void p) {
      eval(node.getExpression());
      JumpTargets.Target t = jumps.enter(node);
      Env before = env;
      Env out = cases(node.getCases(), before, null);
      jumps.exit(t);
      env = or(Env.join(Env.join(out, before), t.breaks), before);
      return null;
    }

    @Override
    public Value visitSwitchExpression(SwitchExpressionTree node, Void p) {
      eval(node.getExpression());
      JumpTargets.Target t = jumps.enter(node);
      Env before = env;
      List<Value> values = new ArrayList<>();
      Env out = cases(node.getCases(), before, values);
      jumps.exit(t);
      env = or(Env.join(out, t.breaks), before);
      Value v = t.yielded;
      for (Value arm : values) {
        v = v == null ? arm : v.join(arm, false);
      }
      return v == null ? Value.unknown(node) : Value.plain(v.fact(), v.kind(), v.api(), v.type(), node);
    }

    /**
     * The cases of a switch, each a path of its own from the state before it (an old-style case
     * also from the one before it that falls through); returns the join of the states that
     * leave the switch at the end of an arm. {@code values} collects the values of expression
     * arms (null for a switch statement).
     */
    private Env cases(List<? extends CaseTree> cases, Env before, List<Value> values) {
      Env out = null;
      Env fallsThrough = null;
      for (CaseTree c : cases) {
        env = Env.join(before.copy(), fallsThrough);
        fallsThrough = null;
        if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
          Tree body = c.getBody();
          if (body instanceof ExpressionTree e) {
            Value v = eval(e);
            if (values != null) {
              values.add(v);
            }
            out = Env.join(out, env);
          } else if (body instanceof StatementTree s) {
            scan(s, null);
            out = values == null && completesNormally(s) ? Env.join(out, env) : out;
          }
        } else {
          scan(c.getStatements(), null);
          List<? extends StatementTree> stmts = c.getStatements();
          boolean falls = stmts == null || stmts.isEmpty() || completesNormally(stmts.get(stmts.size() - 1));
          fallsThrough = falls ? env : null;
        }
      }
      return Env.join(out, fallsThrough);
    }

    @Override
    public Value visitClass(ClassTree node, Void p) {
      return null; // local and anonymous classes are analysed as classes of their own, if at all
    }

    @Override
    public Value visitLambdaExpression(LambdaExpressionTree node, Void p) {
      Env outer = env;
      env = outer.copy();
      for (VariableTree param : node.getParameters()) {
        // A parameter without a declared type has the type javac infers, unknown here.
        TypeMirror declared = kinds.typeOf(param.getType());
        Kind kind = kinds.kindOf(param.getType(), declared);
        env.put(text(param.getName()),
            Value.plain(Fact.TOP, kind, kinds.apiOf(param.getType(), declared, kind), null, null));
      }
      var outerJumps = jumps.enterLambda();
      lambdaDepth++;
      try {
        scan(node.getBody(), null);
      } finally {
        lambdaDepth--;
        jumps.exitLambda(outerJumps);
      }
      env = outer;
      return Value.unknown(node);
    }

    // ---- expressions ------------------------------------------------------------------------

    @Override
    public Value visitLiteral(LiteralTree node, Void p) {
      Object v = node.getValue();
      if (v instanceof Number n) {
        Kind kind = v instanceof Double || v instanceof Float ? Kind.FLOAT : Kind.INTEGRAL;
        return Value.number(Fact.of(Range.point(n.doubleValue())), kind, v instanceof Float ? kinds.floatType() : null,
            node);
      }
      return Value.unknown(node);
    }

    @Override
    public Value visitIdentifier(IdentifierTree node, Void p) {
      String name = text(node.getName());
      Value v = env.get(name);
      if (v != null) {
        return v.at(node);
      }
      Value field = field(name, node);
      return field != null ? field : Value.unknown(node);
    }

    /** A field's value: as narrowed by a condition or set by an assignment here, else its invariant. */
    private Value field(String name, ExpressionTree node) {
      Value narrowed = env.get(Narrowing.fieldKey(name));
      if (narrowed != null) {
        return narrowed.at(node);
      }
      VariableElement f = fieldElement(name);
      return f == null ? null : fieldValue(f, node);
    }

    @Override
    public Value visitMemberSelect(MemberSelectTree node, Void p) {
      if (node.getExpression() instanceof IdentifierTree id && id.getName().contentEquals("this")) {
        Value field = field(text(node.getIdentifier()), node);
        if (field != null) {
          return field;
        }
      }
      TypeElement type = staticType(node.getExpression());
      if (type != null) {
        for (Element e : members.named(type, text(node.getIdentifier()))) {
          if (e.getKind() == ElementKind.FIELD) {
            return fieldValue((VariableElement) e, node);
          }
        }
        return Value.unknown(node);
      }
      Value target = eval(node.getExpression());
      if (node.getIdentifier().contentEquals("length") && target.type() instanceof ArrayType) {
        String key = key(node);
        Value narrowed = key == null ? null : env.get(key);
        return narrowed != null ? narrowed.at(node) : Value.number(Fact.of(Range.NON_NEGATIVE), Kind.INTEGRAL, null, node);
      }
      return Value.unknown(node);
    }

    @Override
    public Value visitParenthesized(ParenthesizedTree node, Void p) {
      return eval(node.getExpression()).at(node);
    }

    @Override
    public Value visitTypeCast(TypeCastTree node, Void p) {
      Value v = eval(node.getExpression());
      TypeMirror t = kinds.typeOf(node.getType());
      Kind kind = kinds.kindOf(node.getType(), t);
      boolean keeps = kind == Kind.OTHER;
      return new Value(Precisions.stored(v.fact(), t), keeps ? v.kind() : kind, keeps ? v.api() : kinds.apiOf(node.getType(), t, kind), t,
          v.origin(), v.operands(), v.opTree(), node);
    }

    @Override
    public Value visitArrayAccess(ArrayAccessTree node, Void p) {
      Value array = eval(node.getExpression());
      eval(node.getIndex());
      if (array.type() instanceof ArrayType a) {
        return kinds.value(Fact.TOP, a.getComponentType(), node);
      }
      return Value.unknown(node);
    }

    @Override
    public Value visitConditionalExpression(ConditionalExpressionTree node, Void p) {
      eval(node.getCondition());
      Env before = env;
      env = refine(before.copy(), node.getCondition(), true);
      Value t = eval(node.getTrueExpression());
      Env afterTrue = env;
      env = refine(before.copy(), node.getCondition(), false);
      Value f = eval(node.getFalseExpression());
      env = afterTrue.merge(env, false);
      Value j = t.join(f, false);
      return Value.plain(j.fact(), j.kind(), j.api(), j.type(), node);
    }

    @Override
    public Value visitUnary(UnaryTree node, Void p) {
      Value x = eval(node.getExpression());
      switch (node.getKind()) {
        case UNARY_MINUS:
          return apply(Operators.of(Tree.Kind.UNARY_MINUS), List.of(x), node, x.kind(), Apis.scalars());
        case UNARY_PLUS:
          return x.at(node);
        case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT: {
          boolean up = node.getKind() == Tree.Kind.PREFIX_INCREMENT || node.getKind() == Tree.Kind.POSTFIX_INCREMENT;
          Range next = x.fact().range().add(Range.point(up ? 1 : -1));
          assign(node.getExpression(), Value.plain(Fact.of(next), x.kind(), x.api(), x.type(), node));
          return Value.plain(Fact.of(x.fact().range().join(next)), x.kind(), x.api(), x.type(), node);
        }
        default:
          return Value.unknown(node);
      }
    }

    @Override
    public Value visitBinary(BinaryTree node, Void p) {
      if (node.getKind() == Tree.Kind.CONDITIONAL_AND || node.getKind() == Tree.Kind.CONDITIONAL_OR) {
        // The right operand runs only when the left one did not decide: in the state the left one
        // leaves, narrowed by its outcome; after the whole, either state may hold.
        eval(node.getLeftOperand());
        Env afterLeft = env;
        env = refine(afterLeft.copy(), node.getLeftOperand(), node.getKind() == Tree.Kind.CONDITIONAL_AND);
        eval(node.getRightOperand());
        env = afterLeft.merge(env, false);
        return Value.unknown(node);
      }
      Value l = eval(node.getLeftOperand());
      Value r = eval(node.getRightOperand());
      Value result = arithmetic(node.getKind(), l, r, node);
      if (node.getKind() == Tree.Kind.MINUS && result.kind() == Kind.FLOAT && maxSubtraction.subtractsRunningMax(node)) {
        result = result.withFact(result.fact().meet(MaxSubtraction.AT_MOST_ZERO));
      }
      Value difference = node.getKind() == Tree.Kind.MINUS
          ? env.get(Narrowing.difference(key(node.getLeftOperand()), key(node.getRightOperand()))) : null;
      if (difference != null) { // a comparison of the two operands bounds it
        Fact f = difference.fact();
        result = result.withFact(new Fact(result.fact().range().meet(f.range()), result.fact().nonZero() || f.nonZero()));
      }
      if ((node.getKind() == Tree.Kind.REMAINDER || node.getKind() == Tree.Kind.DIVIDE)
          && l.kind() == Kind.INTEGRAL && r.kind() == Kind.INTEGRAL) {
        // An int division or remainder by 0 throws: whatever runs after it knows the divisor is not 0.
        String key = key(node.getRightOperand());
        if (key != null) {
          env.put(key, r.withFact(new Fact(r.fact().range(), true)));
        }
      }
      return result;
    }

    @Override
    public Value visitCompoundAssignment(CompoundAssignmentTree node, Void p) {
      Value l = eval(node.getVariable());
      Value r = eval(node.getExpression());
      Tree.Kind op = switch (node.getKind()) {
        case PLUS_ASSIGNMENT -> Tree.Kind.PLUS;
        case MINUS_ASSIGNMENT -> Tree.Kind.MINUS;
        case MULTIPLY_ASSIGNMENT -> Tree.Kind.MULTIPLY;
        case DIVIDE_ASSIGNMENT -> Tree.Kind.DIVIDE;
        default -> null;
      };
      Value v = op == null ? Value.plain(Fact.TOP, l.kind(), l.api(), l.type(), node) : arithmetic(op, l, r, node);
      // The variable keeps its declared kind (x += 0.5 on an int truncates).
      Value stored = new Value(l.kind() == Kind.INTEGRAL ? Fact.TOP : v.fact(), l.kind(), l.api(), l.type(),
          v.origin(), v.operands(), v.opTree(), v.tree());
      assign(node.getVariable(), stored);
      return stored;
    }

    @Override
    public Value visitAssignment(AssignmentTree node, Void p) {
      Value v = eval(node.getExpression());
      if (node.getVariable() instanceof IdentifierTree) {
        Value old = env.get(text(((IdentifierTree) node.getVariable()).getName()));
        if (old != null) {
          v = new Value(old.kind() == Kind.INTEGRAL && v.kind() != Kind.INTEGRAL ? Fact.TOP
              : Precisions.stored(v.fact(), old.type()),
              old.kind(), old.api(), old.type() != null ? old.type() : v.type(), v.origin(), v.operands(), v.opTree(),
              v.tree());
        }
      } else {
        scan(node.getVariable(), null);
      }
      assign(node.getVariable(), v);
      String field = node.getVariable() instanceof IdentifierTree id && !env.has(text(id.getName()))
          ? text(id.getName())
          : node.getVariable() instanceof MemberSelectTree ms ? text(ms.getIdentifier()) : null;
      if (writes != null && field != null) {
        writes.stored(field, v.fact()); // compound updates and increments are FieldInvariants' own to judge
      }
      return v;
    }

    @Override
    public Value visitNewClass(NewClassTree node, Void p) {
      scan(node.getEnclosingExpression(), null);
      scan(node.getArguments(), null);
      env.forgetNarrowed(this::endedByCall);
      return Value.unknown(node);
    }

    @Override
    public Value visitMethodInvocation(MethodInvocationTree node, Void p) {
      Value v = invocation(node);
      if (v.origin() == null) {
        env.forgetNarrowed(this::endedByCall); // the callee may assign fields (not final ones)
        Resolved r = crossMethod ? resolved.get(node) : null;
        if (r != null) { // it returned: what its checks establish holds of the arguments
          establish(env, r.method(), node.getArguments(), r.args(), context.summaries().establishedBy(r.method()));
        }
      } else if (v.isOp(OpCatalog.ABS)) {
        String key = key(node);
        Value narrowed = key == null ? null : env.get(key);
        return narrowed == null ? v : v.withFact(new Fact(v.fact().range().meet(narrowed.fact().range()),
            v.fact().nonZero() || narrowed.fact().nonZero()));
      }
      return v;
    }

    private Value invocation(MethodInvocationTree node) {
      ExpressionTree select = node.getMethodSelect();
      List<? extends ExpressionTree> args = node.getArguments();
      if (select instanceof MemberSelectTree ms) {
        String name = text(ms.getIdentifier());
        ExpressionTree receiver = ms.getExpression();
        ApiTable staticApi = staticReceiver(receiver);
        if (staticApi != null) {
          List<Value> operands = evalAll(args);
          ApiMethod m = staticApi.staticMethod(name, args.size());
          return m != null ? apply(staticApi, m, operands, node) : Value.unknown(node);
        }
        TypeElement staticType = staticType(receiver);
        if (staticType != null) {
          return call(staticType, name, evalAll(args), node);
        }
        boolean self = receiver instanceof IdentifierTree id
            && (id.getName().contentEquals("this") || id.getName().contentEquals("super"));
        Value recv = self ? null : eval(receiver);
        List<Value> argValues = evalAll(args);
        if (self) {
          return call(owner, name, argValues, node);
        }
        ApiTable api = apiOf(recv);
        ApiMethod m = api == null ? null : api.instanceMethod(name, args.size());
        if (m != null) {
          List<Value> operands = new ArrayList<>();
          operands.add(recv);
          operands.addAll(argValues);
          return apply(api, m, operands, node);
        }
        if (recv.type() instanceof DeclaredType d && d.asElement() instanceof TypeElement te) {
          return call(te, name, argValues, node);
        }
        return Value.unknown(node);
      }
      String name = select.toString();
      List<Value> argValues = evalAll(args);
      Value own = call(owner, name, argValues, node);
      if (own.type() == null && !hasMethod(owner, name)) {
        for (ApiTable api : staticImports) {
          ApiMethod m = api.staticMethod(name, args.size());
          if (m != null) {
            return apply(api, m, argValues, node);
          }
        }
      }
      return own;
    }

    // ---- the core: one API op -----------------------------------------------------------

    /** A call of {@code api}'s method {@code m}: its result is the library's tensor or a scalar. */
    private Value apply(ApiTable api, ApiMethod m, List<Value> operands, ExpressionTree node) {
      if (m.returns() == Returns.TENSOR) {
        return apply(m, operands, node, Kind.TENSOR, api);
      }
      Value v = apply(m, operands, node, Kind.FLOAT, Apis.scalars());
      // Math.abs, min and max of floats are Java's float overloads: their result is a float.
      return api == JavaMathApi.TABLE && Precisions.floatOverload(m, operands) ? inFloat32(v) : v;
    }

    private Value apply(ApiMethod m, List<Value> operands, ExpressionTree node, Kind kind, ApiTable api) {
      return apply(m, operands, node, kind, api, Precisions.of(api, declaredFormat));
    }

    /** A float value: its fact rounded to float32, its type {@code float}, so the operators it meets compute in float32. */
    private Value inFloat32(Value v) {
      return new Value(Precisions.rounded(v.fact(), FloatFormat.FLOAT32), v.kind(), v.api(), kinds.floatType(),
          v.origin(), v.operands(), v.opTree(), v.tree());
    }

    private Value apply(ApiMethod m, List<Value> operands, ExpressionTree node, Kind kind, ApiTable api,
        FloatFormat format) {
      List<Fact> facts = new ArrayList<>(operands.size());
      for (Value v : operands) {
        // A Java number handed to a library is rounded to the library's format first: in float32
        // the constant 1 - 1e-9 is 1, and an eps of 1e-50 is 0.
        facts.add(v.kind() == Kind.TENSOR ? v.fact() : Precisions.rounded(v.fact(), format));
      }
      boolean secondWhole = m.binary() != null && operands.get(1).kind() == Kind.INTEGRAL;
      Transfer.Step step = Transfer.apply(m, facts, format, secondWhole);
      Fact fact = step.result();
      if (m.role() == Role.SUB && kind == Kind.TENSOR && MaxSubtraction.subtractsOwnMax(operands)) {
        fact = fact.meet(MaxSubtraction.AT_MOST_ZERO);
      }
      Value result = new Value(fact, kind, api, null, m, List.copyOf(operands), node, node);
      return step.check() == null ? result : report(result, step.check());
    }

    private Value arithmetic(Tree.Kind op, Value l, Value r, ExpressionTree node) {
      ApiMethod m = Operators.of(op);
      if (m == null) {
        return Value.unknown(node);
      }
      Kind kind = l.kind().join(r.kind());
      // Only a division of two proven whole numbers is an integer division; any operand of
      // unknown type (an untyped lambda parameter, a call the analysis cannot type) may be
      // floating, and is checked as such.
      boolean integral = l.kind() == Kind.INTEGRAL && r.kind() == Kind.INTEGRAL;
      if (m.role() == Role.DIV && integral) {
        // Integer division throws instead of producing inf/NaN, and truncates toward 0.
        Transfer.Step step = Transfer.apply(m, List.of(l.fact(), r.fact()));
        Range truncated = step.result().range().join(Range.point(0));
        return Value.number(Fact.of(truncated), kind, null, node);
      }
      if (m.role() == Role.MUL && Equivalence.same(l, r)) {
        m = Operators.SQUARE; // x * x >= 0, which a product of two unknowns is not
      }
      if (Precisions.inFloat32(l, r)) {
        // Java's promotion: a float operator with no double operand computes in float32, and rounds its result.
        return inFloat32(apply(m, List.of(l, r), node, kind, Apis.scalars(), FloatFormat.FLOAT32));
      }
      return apply(m, List.of(l, r), node, kind, Apis.scalars()); // Java's operators act on Java's numbers
    }

    /** Records the finding for op; returns the value that flows on (the stable op's, for a composition). */
    private Value report(Value op, Check check) {
      if (check.failure() == Failure.GRADIENT && !mode.differentiated() && op.kind() != Kind.TENSOR) {
        return op; // no backward pass runs through plain doubles here
      }
      if (check.guardsOperand() && literalZero(op.operand(check.operand()).tree())) {
        return op; // x / 0.0 written out is an intentional infinity (or NaN), not an accident
      }
      Compositions.Match match = Compositions.match(op);
      Compositions.Composition split = null;
      if (match != null && !match.args().stream().allMatch(
          a -> contains(op.opTree(), a.tree()) || stableNames().movable(a.tree(), op.opTree()))) {
        // The stable call would need an operand computed in another statement and changed since:
        // the generated code replaces expressions in place, so this op gets its own range guard,
        // and the message says which stable op to call.
        split = match.composition();
        match = null;
      }
      Finding f;
      Value flows = op;
      if (match != null) {
        Compositions.Composition composition = match.composition();
        for (Value absorbed : match.absorbed()) {
          if (contains(op.opTree(), absorbed.opTree())) {
            findings.remove(absorbed.opTree());
          }
        }
        f = new Finding(op.opTree(), Hazard.STABILITY, null, check.input(),
            () -> Messages.stability(composition, check, Messages.Remedy.of(mode)),
            () -> Messages.stability(composition, check, leftRemedy()),
            new Fix(op.opTree(), op.api().guardClass(), match.composition().guardMethod(), null,
                match.argTrees(), false));
        flows = stable(match, op);
      } else {
        List<ExpressionTree> args = new ArrayList<>();
        Tree target;
        if (check.guardsOperand()) {
          target = op.operand(check.operand()).tree();
          args.add(op.operand(check.operand()).tree());
        } else {
          target = op.opTree();
          for (Value v : op.operands()) {
            args.add(v.tree());
          }
        }
        Tree operand = check.operand() < op.operands().size() ? op.operand(check.operand()).tree() : null;
        Compositions.Composition splitOf = split;
        Function<Messages.Remedy, String> text = remedy -> {
          String message = Messages.range(check, operand, remedy);
          return splitOf == null ? message : Messages.splitComposition(message, splitOf, check.format());
        };
        f = new Finding(op.opTree(), check.hazard(), check.failure(), check.input(),
            () -> text.apply(Messages.Remedy.of(mode)), () -> text.apply(leftRemedy()),
            new Fix(target, op.api().guardClass(), check.guardMethod(), check.row(), args,
                check.row() instanceof OpSpec row && row.guarding().clampIdleOn(check.input())));
      }
      findings.put(op.opTree(), f);
      if (!suppressionStack.isEmpty()) {
        Set<String> keys = new HashSet<>();
        suppressionStack.forEach(keys::addAll);
        suppressions.put(op.opTree(), keys);
      }
      return flows;
    }

    /** How a message ends if the generated class leaves the op as written: only a guarded method's rewrite can be left. */
    private Messages.Remedy leftRemedy() {
      return mode == AnalysisMode.GUARDED ? Messages.Remedy.LEFT_AS_WRITTEN : Messages.Remedy.of(mode);
    }

    /** The value of the stable op that replaces a composition, as if written in its place. */
    private Value stable(Compositions.Match match, Value op) {
      List<Fact> facts = new ArrayList<>();
      match.args().forEach(a -> facts.add(a.fact()));
      ApiMethod m = match.composition().result();
      return new Value(Transfer.apply(m, facts).result(), op.kind(), op.api(), op.type(), m, match.args(), op.opTree(),
          op.tree());
    }

    // ---- helpers ----------------------------------------------------------------------------

    private List<Value> evalAll(List<? extends ExpressionTree> args) {
      List<Value> out = new ArrayList<>(args.size());
      for (ExpressionTree a : args) {
        out.add(eval(a));
      }
      return out;
    }

    private void assign(ExpressionTree variable, Value v) {
      if (variable instanceof IdentifierTree id && env.has(text(id.getName()))) {
        String name = text(id.getName());
        env.put(name, v);
        env.forgetNarrowed(k -> rootsOf(k).contains(name));
        return;
      }
      String field = variable instanceof IdentifierTree id ? text(id.getName())
          : variable instanceof MemberSelectTree ms ? text(ms.getIdentifier()) : null;
      if (field == null) {
        return; // an array element
      }
      String key = Narrowing.fieldKey(field);
      env.forgetNarrowed(k -> rootsOf(k).contains(key)); // also when another object's field may be this one's
      VariableElement f = fieldElement(field);
      if (f != null && kinds.of(f.asType()) == v.kind() && key.equals(key(variable))) {
        env.put(key, v); // read back until a call may change it
      }
    }

    private ApiTable staticReceiver(ExpressionTree receiver) {
      if (receiver instanceof IdentifierTree id) {
        String name = text(id.getName());
        return env.has(name) || fieldElement(name) != null ? null : apis.forStaticType(name);
      }
      return receiver instanceof MemberSelectTree ? apis.forStaticType(receiver.toString()) : null;
    }

    /** The library of a tensor receiver; a receiver of any other or unknown type is not a tensor. */
    private ApiTable apiOf(Value recv) {
      return recv.kind() == Kind.TENSOR ? recv.api() : null;
    }

    /** A call to a method of {@code type} that is not in an API table: its range annotations and return type. */
    private Value call(TypeElement type, String name, List<Value> args, ExpressionTree node) {
      Fact fact = null;
      TypeMirror returns = null;
      List<ExecutableElement> candidates = overloads(type, name, args.size(), node);
      if (calls != null && lambdaDepth == 0 && node instanceof MethodInvocationTree inv) {
        calls.called(inv, args); // a lambda's calls run later, under other facts
      }
      if (crossMethod && !candidates.isEmpty() && node instanceof MethodInvocationTree inv) {
        ExecutableElement chosen = Overloads.chosen(candidates, argumentTypes(inv, args));
        if (chosen != null) {
          resolved.put(inv, new Resolved(chosen, args));
        }
      }
      for (ExecutableElement m : candidates) {
        othersMayTell |= !crossMethod && context.summaries().mayTell(m);
        Fact f = RangeAnnotations.of(m);
        Kind kind = kinds.of(m.getReturnType());
        Fact summary = crossMethod && (kind == Kind.FLOAT || kind == Kind.INTEGRAL) ? context.summaries().returnOf(m) : null;
        if (summary != null) {
          f = new Fact(f.range().meet(summary.range()), f.nonZero() || summary.nonZero());
        }
        fact = fact == null ? f : fact.join(f);
        returns = returns == null ? m.getReturnType() : returns;
      }
      if (fact == null) {
        return Value.unknown(node);
      }
      return kinds.value(fact, returns, node);
    }

    /**
     * The methods a call may invoke: those of its arity; when their return types differ in what
     * a finding depends on (an {@code int} and a {@code double} overload), the one javac's
     * attribution picks, since the first one's type could hide a floating-point division or
     * invent one.
     */
    private List<ExecutableElement> overloads(TypeElement type, String name, int arity, ExpressionTree node) {
      // keyed by type, then by name and arity as a string: a record key's hash would bootstrap
      // ObjectMethods in the user's javac (see docs/design.md, "Compile-time cost")
      OverloadSet set = overloadSets.computeIfAbsent(type, t -> new HashMap<>())
          .computeIfAbsent(ApiMethod.key(name, arity), k -> overloadSet(type, name, arity));
      if (set.sameReturn()) {
        return set.methods();
      }
      BodyPaths body = element == null ? null
          : bodyPathsByMethod.computeIfAbsent(element, m -> Optional.ofNullable(context.paths().of(m)).map(BodyPaths::new))
              .orElse(null);
      ExecutableElement chosen = context.attributedMethod(unit, body, node);
      return chosen != null && set.methods().contains(chosen) ? List.of(chosen) : set.methods();
    }

    private OverloadSet overloadSet(TypeElement type, String name, int arity) {
      List<ExecutableElement> candidates = new ArrayList<>();
      for (Element e : members.named(type, name)) {
        if (e.getKind() == ElementKind.METHOD
            && (((ExecutableElement) e).getParameters().size() == arity || ((ExecutableElement) e).isVarArgs())) {
          candidates.add((ExecutableElement) e);
        }
      }
      Set<Object> returnKinds = new HashSet<>();
      candidates.forEach(m -> returnKinds.add(returnKind(m.getReturnType())));
      return new OverloadSet(List.copyOf(candidates), returnKinds.size() <= 1);
    }

    /**
     * What of a return type the findings depend on: the primitive type (int or double division,
     * float or double format), else the kind (tensor or not); two reference types of one kind
     * (StringBuilder's and AbstractStringBuilder's append) type no division differently.
     */
    private Object returnKind(TypeMirror type) {
      return type.getKind().isPrimitive() ? type.getKind() : kinds.of(type);
    }

    private boolean hasMethod(TypeElement type, String name) {
      return members.named(type, name).stream().anyMatch(e -> e.getKind() == ElementKind.METHOD);
    }

    /** Whether a call ends what is known under the narrowing key {@code key}: it has a root a call may assign. */
    private boolean endedByCall(String key) {
      Boolean ended = endedByCalls.get(key);
      if (ended == null) {
        ended = false;
        for (String root : rootsOf(key)) {
          ended |= assignableField(root);
        }
        endedByCalls.put(key, ended);
      }
      return ended;
    }

    private List<String> rootsOf(String key) {
      return rootsByKey.computeIfAbsent(key, Narrowing::roots);
    }

    /** Whether {@code root} is a field a call could assign: any field but a final one of this class. */
    private boolean assignableField(String root) {
      if (!Narrowing.isField(root)) {
        return false;
      }
      VariableElement f = fieldElement(Narrowing.fieldName(root));
      return f == null || !f.getModifiers().contains(Modifier.FINAL);
    }

    private VariableElement fieldElement(String name) {
      return members.field(owner, name);
    }

    /**
     * A field's value from its declaration: its constant (a NaN constant, such as a
     * {@code NO_VALUE} marker, is a value outside every range: nothing is known), else its
     * invariant.
     */
    private Value fieldValue(VariableElement f, ExpressionTree node) {
      Object constant = f.getConstantValue();
      Fact fact;
      if (constant instanceof Number n) {
        fact = Double.isNaN(n.doubleValue()) ? Fact.TOP : Fact.of(Range.point(n.doubleValue()));
      } else {
        othersMayTell |= !crossMethod && FieldInvariants.mayBound(f);
        Fact invariant = crossMethod ? context.fields().of(f) : null;
        fact = invariant != null ? invariant : Fact.TOP;
      }
      return kinds.value(fact, f.asType(), node);
    }

    /** The type a call's or field read's qualifier names ({@code Gamma} in {@code Gamma.gamma(x)}), or null. */
    private TypeElement staticType(ExpressionTree qualifier) {
      if (qualifier instanceof IdentifierTree id) {
        String name = text(id.getName());
        return env.has(name) || fieldElement(name) != null ? null : kinds.typeNamed(name);
      }
      return qualifier instanceof MemberSelectTree ? kinds.typeNamed(qualifier.toString()) : null;
    }

    private static Env or(Env state, Env fallback) {
      return state != null ? state : fallback;
    }

    /** The state narrowed by knowing that {@code condition} evaluated to {@code truth}. */
    private Env refine(Env e, ExpressionTree condition, boolean truth) {
      ExpressionTree c = condition;
      while (c instanceof ParenthesizedTree paren) {
        c = paren.getExpression();
      }
      if (c instanceof UnaryTree u && u.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
        return refine(e, u.getExpression(), !truth);
      }
      if (c instanceof MethodInvocationTree call) {
        Resolved r = crossMethod ? resolved.get(call) : null;
        if (r != null) { // a boolean method of the compilation: what its returned condition tells
          Env outer = env;
          env = e;
          try {
            List<Value> args = argumentsNow(call, r.args());
            establish(e, r.method(), call.getArguments(), args, context.predicates().when(r.method(), truth, args));
          } finally {
            env = outer;
          }
        }
        return e;
      }
      if (c instanceof BinaryTree b) {
        if ((b.getKind() == Tree.Kind.CONDITIONAL_AND && truth) || (b.getKind() == Tree.Kind.CONDITIONAL_OR && !truth)) {
          return refine(refine(e, b.getLeftOperand(), truth), b.getRightOperand(), truth);
        }
        Env outer = env;
        env = e; // the targets' current values are those of the state being narrowed
        try {
          Comparison.narrow(e, b, truth, this::constantOf, this::target);
        } finally {
          env = outer;
        }
      }
      return e;
    }

    /**
     * Makes {@code facts}, known of the parameters of the callee {@code m} by their keys in it,
     * facts of the call's arguments in {@code e}: each parameter's key is replaced by its
     * argument's key here ({@code x - y} of the parameters becomes {@code hi - lo} of the
     * arguments, or just {@code hi} where {@code lo} is a literal 0). An argument without a key, or
     * rooted at a field a call may assign, learns nothing; nor does any argument of a call whose
     * arguments assign (the callee saw the values before the assignment).
     */
    private void establish(Env e, ExecutableElement m, List<? extends ExpressionTree> args, List<Value> values,
        Map<String, Fact> facts) {
      List<? extends VariableElement> params = m.getParameters();
      if (facts.isEmpty() || m.isVarArgs() || params.size() != args.size() || args.stream().anyMatch(RangeAnalyzer::assigns)) {
        return;
      }
      Env outer = env;
      env = e;
      try {
        Map<String, String> keys = new HashMap<>();
        Map<String, Value> byParam = new HashMap<>();
        Set<String> zeros = new HashSet<>();
        for (int i = 0; i < params.size(); i++) {
          String name = text(params.get(i).getSimpleName());
          byParam.put(name, values.get(i));
          String k = key(args.get(i));
          if (k != null && !endedByCall(k)) {
            keys.put(name, k);
          }
          Double c = values.get(i).fact().constant();
          if (c != null && c == 0) {
            zeros.add(name); // 0.0 or -0.0: p - c is p exactly
          }
        }
        for (Map.Entry<String, Fact> known : facts.entrySet()) {
          String[] sides = Narrowing.sides(known.getKey());
          Fact f = known.getValue();
          String target;
          if (sides != null && zeros.contains(sides[1]) && byParam.containsKey(sides[0])) {
            target = keys.get(sides[0]); // p - 0 is p
          } else if (sides != null && zeros.contains(sides[0]) && byParam.containsKey(sides[1])) {
            target = keys.get(sides[1]); // 0 - p is -p
            f = new Fact(f.range().neg(), f.nonZero());
          } else {
            target = Narrowing.substitute(known.getKey(), keys::get);
          }
          if (target != null) {
            Value like = byParam.getOrDefault(Narrowing.roots(known.getKey()).get(0), values.get(0));
            Value now = current(target, like);
            Comparison.store(e, target, now.withFact(new Fact(now.fact().range().meet(f.range()), now.fact().nonZero() || f.nonZero())));
          }
        }
      } finally {
        env = outer;
      }
    }

    /** What the state knows under {@code key}, or what reading it gives (a field's invariant, a length's sign). */
    private Value current(String key, Value like) {
      Value v = env.get(key);
      if (v != null) {
        return v;
      }
      if (Narrowing.isField(key) && !Narrowing.isKey(Narrowing.fieldName(key))) {
        Value f = field(Narrowing.fieldName(key), like.tree());
        if (f != null) {
          return f;
        }
      }
      boolean length = key.endsWith(".length") && Narrowing.sides(key) == null;
      return Value.number(Fact.of(length ? Range.NON_NEGATIVE : Range.TOP), length ? Kind.INTEGRAL : like.kind(), null,
          like.tree());
    }

    /** The arguments' values in the current state: those with a key read again (a condition may have narrowed them). */
    private List<Value> argumentsNow(MethodInvocationTree call, List<Value> evaluated) {
      List<Value> out = new ArrayList<>();
      for (int i = 0; i < evaluated.size(); i++) {
        ExpressionTree a = call.getArguments().get(i);
        out.add(key(a) != null ? eval(a) : evaluated.get(i)); // a keyed expression has no effect to repeat
      }
      return out;
    }

    /** The primitive type of each argument where it is known exactly (declared, or a literal's), else null. */
    private List<TypeKind> argumentTypes(MethodInvocationTree call, List<Value> args) {
      List<TypeKind> out = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        TypeMirror t = args.get(i).type();
        out.add(t != null && t.getKind().isPrimitive() ? t.getKind()
            : i < call.getArguments().size() ? literalType(call.getArguments().get(i)) : null);
      }
      return out;
    }

    /**
     * What every value stored in {@code state} under a key of the method's unassigned parameters
     * is known to be, where that says more than {@code entry}, the parameters' facts on entry.
     */
    Map<String, Fact> parameterFacts(Env state, Map<String, Fact> entry) {
      Map<String, Fact> out = new LinkedHashMap<>();
      if (state == null) {
        return out;
      }
      for (String k : state.names()) {
        Fact f = state.get(k).fact();
        if (!f.equals(Fact.TOP) && !f.equals(entry.get(k))
            && rootsOf(k).stream().allMatch(stableNames()::unassignedParameter)) {
          out.put(k, f);
        }
      }
      return out;
    }

    /** The value of a literal, a constant (also another class's) or a negated literal, else null. */
    private Double constantOf(ExpressionTree t) {
      boolean simple = t instanceof LiteralTree || t instanceof IdentifierTree || t instanceof MemberSelectTree
          || (t instanceof UnaryTree u && u.getKind() == Tree.Kind.UNARY_MINUS && u.getExpression() instanceof LiteralTree);
      return simple ? eval(t).fact().constant() : null;
    }

    /** The {@link Narrowing} key of {@code t} in the current state, or null. */
    private String key(ExpressionTree t) {
      return Narrowing.keyOf(t, env::has, staticImports.contains(Apis.scalars()));
    }

    /** The narrowable expression {@code t} (evaluating it has no effect), or null. */
    private Comparison.Target target(ExpressionTree t) {
      String key = key(t);
      if (key == null) {
        return null;
      }
      while (t instanceof ParenthesizedTree || t instanceof AssignmentTree) {
        // the value (w = e) compares is w's, read without running the assignment again
        t = t instanceof ParenthesizedTree paren ? paren.getExpression() : ((AssignmentTree) t).getVariable();
      }
      Comparison.Target inner = Narrowing.absoluteOf(key) == null ? null
          : target(((MethodInvocationTree) t).getArguments().get(0));
      return new Comparison.Target(key, eval(t), inner);
    }
  }

  /** The keys of {@code @SuppressWarnings} on a local variable (read from the tree: no attribution yet). */
  private static Set<String> suppressionKeys(VariableTree node) {
    Set<String> keys = new HashSet<>();
    for (AnnotationTree a : node.getModifiers().getAnnotations()) {
      String type = a.getAnnotationType().toString();
      if (type.equals(SUPPRESS) || type.equals("java.lang." + SUPPRESS)) {
        for (ExpressionTree arg : a.getArguments()) {
          Suppression.collectLiterals(arg, keys);
        }
      }
    }
    return keys;
  }

  /** The method a call invokes, and its arguments' values where they were evaluated. */
  private record Resolved(ExecutableElement method, List<Value> args) {}

  /** The primitive type of a literal (also negated), or null. */
  private static TypeKind literalType(ExpressionTree t) {
    t = stripParens(t);
    if (t instanceof UnaryTree u && u.getKind() == Tree.Kind.UNARY_MINUS) {
      t = stripParens(u.getExpression());
    }
    return switch (t.getKind()) {
      case INT_LITERAL -> TypeKind.INT;
      case LONG_LITERAL -> TypeKind.LONG;
      case FLOAT_LITERAL -> TypeKind.FLOAT;
      case DOUBLE_LITERAL -> TypeKind.DOUBLE;
      case CHAR_LITERAL -> TypeKind.CHAR;
      case BOOLEAN_LITERAL -> TypeKind.BOOLEAN;
      default -> null;
    };
  }

  /** Whether evaluating {@code t} assigns a variable. */
  private static boolean assigns(ExpressionTree t) {
    return TreeSearch.any(t, n -> n instanceof AssignmentTree || n instanceof CompoundAssignmentTree
        || switch (n.getKind()) {
          case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> true;
          default -> false;
        });
  }

  /** A loop's head state at its last fixpoint, the state it was left in, and its passes so far. */
  private record LoopState(Env head, Env exit, int rounds) {}

  private static ExpressionTree stripParens(ExpressionTree t) {
    ExpressionTree c = t;
    while (c instanceof ParenthesizedTree paren) {
      c = paren.getExpression();
    }
    return c;
  }

  /** Whether {@code inner} is {@code outer} or one of its sub-expressions. */
  static boolean contains(Tree outer, Tree inner) {
    return TreeSearch.any(outer, t -> t == inner);
  }

  /** Whether {@code t} is a literal 0 (or -0), parenthesised or not. */
  private static boolean literalZero(ExpressionTree t) {
    while (t instanceof ParenthesizedTree p) {
      t = p.getExpression();
    }
    if (t instanceof UnaryTree u && u.getKind() == Tree.Kind.UNARY_MINUS) {
      t = u.getExpression();
    }
    return t instanceof LiteralTree l && l.getValue() instanceof Number n && n.doubleValue() == 0;
  }

  /** Whether control can fall through the end of {@code s}. */
  static boolean completesNormally(StatementTree s) {
    return switch (s.getKind()) {
      case RETURN, THROW, BREAK, CONTINUE, YIELD -> false;
      case BLOCK -> {
        List<? extends StatementTree> body = ((BlockTree) s).getStatements();
        yield body.isEmpty() || completesNormally(body.get(body.size() - 1));
      }
      case IF -> {
        IfTree i = (IfTree) s;
        yield i.getElseStatement() == null || completesNormally(i.getThenStatement())
            || completesNormally(i.getElseStatement());
      }
      default -> true;
    };
  }
}
