package io.nanguard.processor.analysis;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Caller-established parameter ranges: what every caller passes to a private method, for each
 * parameter the join of the argument's range at every call, so that a helper called only after
 * its caller's check ({@code if (x <= 0) throw ...; return helper(x);}) sees {@code x > 0}. A
 * private method can only be called from its top-level class, which the compilation shows whole.
 * There is no contract when a call cannot be placed: one inside a lambda, a local or anonymous
 * class or a field initialiser, a method reference to it, a call of the method from itself
 * (recursion), another method of the same name in its class (an overload a call might mean), or
 * more than {@link #MAX_CALLERS} calling methods. Each caller is analysed once for the contract,
 * with what it shows alone (its own checks; no field invariants, summaries or contracts of other
 * methods), and contracts are used only by the scan of a method with a finding
 * ({@link RangeAnalyzer#scan}), never by the analyses that compute facts: a contract costs at most
 * {@link #MAX_CALLERS} analyses of one method each, and nothing cascades. Computed once per method
 * and round.
 */
final class ParameterContracts {

  /** The most methods whose calls are analysed for one contract. */
  static final int MAX_CALLERS = 8;

  private final AnalysisContext context;
  private final Map<ExecutableElement, Optional<List<Fact>>> cache = new HashMap<>();
  private final Set<ExecutableElement> inProgress = new HashSet<>();
  /** Per calling method, the arguments of each call it makes, joined over its evaluations: one analysis serves every callee. */
  private final Map<Tree, Map<MethodInvocationTree, List<Fact>>> observed = new IdentityHashMap<>();

  ParameterContracts(AnalysisContext context) {
    this.context = context;
  }

  /** The range of each parameter of {@code m} at every call, or null if there is no contract. */
  List<Fact> of(ExecutableElement m) {
    Optional<List<Fact>> known = cache.get(m);
    if (known != null) {
      return known.orElse(null);
    }
    if (!mayBound(m) || !inProgress.add(m)) {
      return null; // no number to learn a range of
    }
    try {
      List<Fact> c = compute(m);
      cache.put(m, Optional.ofNullable(c));
      return c;
    } finally {
      inProgress.remove(m);
    }
  }

  /** Whether {@code m} can have a contract: a private method, not varargs, with a number among its parameters. */
  static boolean mayBound(ExecutableElement m) {
    return m.getKind() == ElementKind.METHOD && m.getModifiers().contains(Modifier.PRIVATE) && !m.isVarArgs()
        && m.getParameters().stream().anyMatch(p -> p.asType().getKind().isPrimitive());
  }

  private List<Fact> compute(ExecutableElement m) {
    TypeElement owner = (TypeElement) m.getEnclosingElement();
    String name = m.getSimpleName().toString();
    long sameName = context.members().named(owner, name).stream().filter(e -> e.getKind() == ElementKind.METHOD).count();
    TreePath path = context.paths().of(m);
    if (sameName != 1 || path == null) {
      return null;
    }
    TreePath top = path;
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree) {
        top = p;
      }
    }
    Calls calls = new Calls(name, m.getParameters().size());
    calls.scan(top, null);
    if (calls.unplaceable || calls.byCaller.size() > MAX_CALLERS
        || calls.byCaller.keySet().stream().anyMatch(c -> c.getLeaf() == path.getLeaf())) {
      return null; // a call it cannot place, too many callers, or a recursive call
    }
    List<Fact> joined = new ArrayList<>();
    for (Map.Entry<TreePath, Set<MethodInvocationTree>> caller : calls.byCaller.entrySet()) {
      Map<MethodInvocationTree, List<Fact>> args = observedIn(caller.getKey());
      if (args == null) {
        return null;
      }
      for (MethodInvocationTree call : caller.getValue()) {
        List<Fact> a = args.get(call);
        if (a == null || a.size() != m.getParameters().size()) {
          return null; // a call the analysis did not reach or resolve: its arguments are unknown
        }
        for (int i = 0; i < a.size(); i++) {
          if (joined.size() <= i) {
            joined.add(a.get(i));
          } else {
            joined.set(i, joined.get(i).join(a.get(i)));
          }
        }
      }
    }
    return joined.isEmpty() ? null : joined;
  }

  /** The arguments of every call of the method or constructor at {@code callerPath}, or null. */
  private Map<MethodInvocationTree, List<Fact>> observedIn(TreePath callerPath) {
    Map<MethodInvocationTree, List<Fact>> known = observed.get(callerPath.getLeaf());
    if (known != null || observed.containsKey(callerPath.getLeaf())) {
      return known;
    }
    Map<MethodInvocationTree, List<Fact>> args = null;
    if (context.trees().getElement(callerPath) instanceof ExecutableElement e
        && e.getEnclosingElement() instanceof TypeElement callerType) {
      Map<MethodInvocationTree, List<Fact>> found = new IdentityHashMap<>();
      new RangeAnalyzer(context, callerType, callerPath.getCompilationUnit()).observeCalls(e, (MethodTree) callerPath.getLeaf(),
          (call, values) -> {
            List<Fact> before = found.get(call);
            List<Fact> now = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
              now.add(before == null ? values.get(i).fact() : before.get(i).join(values.get(i).fact()));
            }
            found.put(call, now);
          });
      args = found;
    }
    observed.put(callerPath.getLeaf(), args);
    return args;
  }

  /** The calls of the method, by the method or constructor they are written in. */
  private static final class Calls extends TreePathScanner<Void, Void> {
    private final String name;
    private final int arity;
    final Map<TreePath, Set<MethodInvocationTree>> byCaller = new LinkedHashMap<>();
    boolean unplaceable;
    /** The method or constructor being scanned, or null (a field initialiser, an initialiser block). */
    private TreePath member;
    /** How many lambdas and local or anonymous classes enclose the scan: their code runs under other facts. */
    private int deferred;

    Calls(String name, int arity) {
      this.name = name;
      this.arity = arity;
    }

    @Override
    public Void visitClass(ClassTree node, Void p) {
      boolean local = member != null || deferred > 0;
      deferred += local ? 1 : 0;
      try {
        return super.visitClass(node, p);
      } finally {
        deferred -= local ? 1 : 0;
      }
    }

    @Override
    public Void visitMethod(MethodTree node, Void p) {
      if (member != null || deferred > 0) {
        return super.visitMethod(node, p);
      }
      member = getCurrentPath();
      try {
        return super.visitMethod(node, p);
      } finally {
        member = null;
      }
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
      deferred++;
      try {
        return super.visitLambdaExpression(node, p);
      } finally {
        deferred--;
      }
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree node, Void p) {
      if (node.getName().contentEquals(name)) {
        unplaceable = true;
      }
      return super.visitMemberReference(node, p);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
      Tree select = node.getMethodSelect();
      boolean named = select instanceof IdentifierTree id ? id.getName().contentEquals(name)
          : select instanceof MemberSelectTree ms && ms.getIdentifier().contentEquals(name);
      if (named) {
        if (member == null || deferred > 0 || node.getArguments().size() != arity) {
          unplaceable = true;
        } else {
          byCaller.computeIfAbsent(member, k -> Collections.newSetFromMap(new IdentityHashMap<>())).add(node);
        }
      }
      return super.visitMethodInvocation(node, p);
    }
  }
}
