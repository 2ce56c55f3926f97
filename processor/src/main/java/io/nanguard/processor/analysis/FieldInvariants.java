package io.nanguard.processor.analysis;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import io.nanguard.ops.Range;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;

/**
 * The range of each numeric field whose every write the compilation can see: a {@code private}
 * field (written only inside its top-level class) or a {@code final} one (written only by its
 * class's constructors and initialisers). The range is the join of every value ever stored: the
 * initialiser's, or 0 (the default) for a non-final field without one, and each assignment's, as
 * the range analysis finds it at the assignment, so that a constructor's
 * {@code if (scale <= 0) throw ...; this.scale = scale;} gives {@code scale} the range (0, inf).
 *
 * <p>A field only ever increased ({@code count++}, {@code total += 1}) keeps its least stored
 * value as a lower bound and loses its upper one (int overflow aside). A field written where the
 * analysis does not follow (a nested, local or anonymous class), or by another compound update
 * (whose value depends on the field itself), gets no range. Reads
 * during construction, before the constructor's assignment, see the default 0: like Java's
 * definite-assignment rules for final fields, the invariant is about a constructed object.
 * Computed once per class and round.
 */
final class FieldInvariants {

  private final AnalysisContext context;
  private final Map<TypeElement, Map<String, Fact>> byType = new HashMap<>();
  private final Set<TypeElement> computing = new HashSet<>();

  FieldInvariants(AnalysisContext context) {
    this.context = context;
  }

  /** What every stored value of {@code field} is known to be, or null if nothing. */
  Fact of(VariableElement field) {
    if (!(field.getEnclosingElement() instanceof TypeElement owner)) {
      return null;
    }
    Map<String, Fact> facts = byType.get(owner);
    if (facts == null) {
      if (!computing.add(owner)) {
        return null; // a constructor of the class reads one of its fields: no invariant yet
      }
      try {
        facts = compute(owner);
      } finally {
        computing.remove(owner);
      }
      byType.put(owner, facts);
    }
    return facts.get(field.getSimpleName().toString());
  }

  /**
   * Whether {@code field} can have an invariant: a number (not a constant) whose every write the
   * compilation sees, being private or final. A question about the field alone, at no cost.
   */
  static boolean mayBound(VariableElement field) {
    TypeKind kind = field.asType().getKind();
    boolean visible = field.getModifiers().contains(Modifier.PRIVATE) || field.getModifiers().contains(Modifier.FINAL);
    return kind.isPrimitive() && kind != TypeKind.BOOLEAN && visible && field.getConstantValue() == null;
  }

  private Map<String, Fact> compute(TypeElement owner) {
    Map<String, Fact> facts = new HashMap<>();
    TreePath path = context.paths().of(owner);
    if (path == null || !(path.getLeaf() instanceof ClassTree classTree)) {
      return facts;
    }
    Map<String, VariableElement> candidates = new HashMap<>();
    for (VariableElement f : ElementFilter.fieldsIn(owner.getEnclosedElements())) {
      if (mayBound(f)) {
        candidates.put(f.getSimpleName().toString(), f);
      }
    }
    if (candidates.isEmpty()) {
      return facts;
    }
    Writes writes = new Writes(candidates.keySet(), classTree);
    writes.scan(topLevel(path), null);
    CompilationUnitTree unit = path.getCompilationUnit();
    RangeAnalyzer analyzer = new RangeAnalyzer(context, owner, unit);
    Map<String, Fact> stored = new HashMap<>();
    for (Tree member : classTree.getMembers()) {
      if (member instanceof VariableTree v && candidates.containsKey(v.getName().toString())) {
        String name = v.getName().toString();
        VariableElement f = candidates.get(name);
        Fact initial = v.getInitializer() != null ? analyzer.evaluate(v.getInitializer())
            : f.getModifiers().contains(Modifier.FINAL) ? null : Fact.of(Range.point(0));
        if (initial != null) {
          stored.merge(name, initial, Fact::join);
        }
      }
    }
    for (Tree member : writes.writers) {
      RangeAnalyzer.FieldWrites sink = (name, fact) -> {
        if (candidates.containsKey(name)) {
          stored.merge(name, fact, Fact::join);
        }
      };
      if (member instanceof MethodTree m && m.getBody() != null
          && context.trees().getElement(new TreePath(path, m)) instanceof ExecutableElement e) {
        analyzer.analyze(e, m, AnalysisMode.FACTS, sink);
      } else if (member instanceof BlockTree b) {
        analyzer.analyzeBlock(b, sink);
      } else {
        writes.escaped.addAll(candidates.keySet()); // a write the analysis cannot place
      }
    }
    for (String name : candidates.keySet()) {
      Fact f = stored.get(name);
      if (f != null && !writes.escaped.contains(name)) {
        Range r = f.range();
        facts.put(name, writes.grown.contains(name)
            ? Fact.of(new Range(r.lo(), r.loOpen(), Double.POSITIVE_INFINITY, true)) : f);
      }
    }
    return facts;
  }

  private static Tree topLevel(TreePath path) {
    Tree top = path.getLeaf();
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree) {
        top = p.getLeaf();
      }
    }
    return top;
  }

  /**
   * Finds, syntactically, the members of the class that may write a candidate field, and the
   * candidates written anywhere else (or in a way whose value depends on the field).
   */
  private static final class Writes extends TreeScanner<Void, Void> {
    private final Set<String> names;
    private final ClassTree owner;
    final Set<Tree> writers = new LinkedHashSet<>();
    final Set<String> escaped = new HashSet<>();
    final Set<String> grown = new HashSet<>();
    private Tree member;

    Writes(Set<String> names, ClassTree owner) {
      this.names = names;
      this.owner = owner;
    }

    @Override
    public Void visitClass(ClassTree node, Void p) {
      Tree outer = member;
      member = null; // writes in a nested, local or anonymous class are not followed
      try {
        if (node != owner) {
          return super.visitClass(node, p);
        }
        for (Tree m : node.getMembers()) {
          member = m instanceof ClassTree ? null : m;
          scan(m, p);
        }
        return null;
      } finally {
        member = outer;
      }
    }

    @Override
    public Void visitAssignment(AssignmentTree node, Void p) {
      write(node.getVariable(), true);
      return super.visitAssignment(node, p);
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree node, Void p) {
      boolean grows = node.getKind() == Tree.Kind.PLUS_ASSIGNMENT && node.getExpression() instanceof LiteralTree l
          && l.getValue() instanceof Number n && n.doubleValue() >= 0;
      update(node.getVariable(), grows);
      return super.visitCompoundAssignment(node, p);
    }

    @Override
    public Void visitUnary(UnaryTree node, Void p) {
      switch (node.getKind()) {
        case PREFIX_INCREMENT, POSTFIX_INCREMENT -> update(node.getExpression(), true);
        case PREFIX_DECREMENT, POSTFIX_DECREMENT -> update(node.getExpression(), false);
        default -> { }
      }
      return super.visitUnary(node, p);
    }

    private void write(ExpressionTree target, boolean plain) {
      String name = candidate(target);
      if (name == null) {
        return;
      }
      if (member == null || !plain || member instanceof VariableTree) {
        escaped.add(name);
      } else {
        writers.add(member);
      }
    }

    /** An update whose value depends on the field: fine if it only increases it, where the analysis follows. */
    private void update(ExpressionTree target, boolean grows) {
      String name = candidate(target);
      if (name != null && grows && member != null && !(member instanceof VariableTree)) {
        grown.add(name);
      } else {
        write(target, false);
      }
    }

    private String candidate(ExpressionTree target) {
      String name = target instanceof IdentifierTree id ? id.getName().toString()
          : target instanceof MemberSelectTree ms ? ms.getIdentifier().toString() : null;
      return name != null && names.contains(name) ? name : null;
    }
  }
}
