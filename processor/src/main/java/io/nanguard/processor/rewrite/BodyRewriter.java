package io.nanguard.processor.rewrite;

import com.palantir.javapoet.CodeBlock;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.nanguard.ops.Hazard;
import io.nanguard.ops.BinarySpec;
import io.nanguard.ops.OpCatalog;
import io.nanguard.ops.RowConstant;
import io.nanguard.processor.analysis.BodyPaths;
import io.nanguard.processor.analysis.Finding;
import io.nanguard.processor.analysis.MemberIndex;
import io.nanguard.processor.analysis.Fix;
import io.nanguard.processor.codegen.GuardedMethod;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Rewrites the body of one guarded method by source text: each finding's fix target is replaced
 * by a {@code Guard} call tagged with the op's original {@code File.java:line}, type names are
 * written so the generated file imports them, and everything else is copied as is.
 *
 * <p>Fixes nest: a fix inside another fix's argument is rendered inside that argument; a fix
 * inside another fix's target but outside its arguments is superseded by it (a stability rewrite
 * such as {@code logSumExp} replaces the {@code exp} it contains). Two fixes of the same target
 * keep one, the stability rewrite if there is one.
 *
 * <p>Names are resolved from the source where that is provably what javac would resolve
 * ({@link SyntacticResolution}); otherwise the method is redone with javac's attribution, which
 * attributes the whole class during the processing round, a second time (javac attributes it
 * again after the round). Both give the same rewrite.
 */
public final class BodyRewriter {

  /**
   * The rewritten body, or why there is none.
   *
   * @param body the statements of the body (without braces), or null if there are problems
   * @param problems what keeps the body from compiling in the generated class, each saying what
   *     to change; empty on success
   * @param notes why ops are left as written
   * @param leftAsWritten the ops (findings' {@link Finding#op()}) the body leaves as written
   */
  public record Result(CodeBlock body, List<String> problems, List<String> notes, List<Tree> leftAsWritten) {}

  /** The guard method that applies any unary catalogue row: {@code unary(OpSpec row, x, eps, site)}. */
  private static final String GENERIC_UNARY_GUARD = "unary";
  /** The guard method that applies any binary catalogue row: {@code binary(BinarySpec row, a, b, eps, site)}. */
  private static final String GENERIC_BINARY_GUARD = "binary";

  private final Trees trees;
  private final Elements elements;
  private final Types types;
  private final Map<String, GuardClass> guards = new HashMap<>();
  private ClassScope scope;
  private TypeMirror stringType;
  private final Map<RowConstant, Optional<TypeMirror>> rowTypes = new HashMap<>();

  /** A rewriter reading source positions and, when it must, elements through {@code trees}. */
  public BodyRewriter(Trees trees, Elements elements, Types types) {
    this.trees = trees;
    this.elements = elements;
    this.types = types;
  }

  /**
   * Rewrites {@code method}'s body for the generated subclass of {@code original}; {@code members}
   * is the processing round's index.
   */
  public Result rewrite(GuardedMethod method, TypeElement original, MemberIndex members) {
    CompilationUnitTree unit = method.unit();
    BlockTree body = method.tree().getBody();
    if (body == null) {
      return failure("it has no body to rewrite");
    }
    CharSequence source;
    try {
      source = unit.getSourceFile().getCharContent(true);
    } catch (IOException e) {
      return failure("its source could not be read (" + e.getMessage() + ")");
    }
    SourcePositions positions = trees.getSourcePositions();
    long bodyStart = positions.getStartPosition(unit, body);
    long bodyEnd = positions.getEndPosition(unit, body);
    if (bodyStart < 0 || bodyEnd < 0) {
      return failure("the compiler gave no source positions for its body");
    }
    Edits edits;
    try {
      edits = edits(method, original, new SyntacticResolution(scopeOf(original, unit, members), types, method.tree()), source);
    } catch (Unresolvable e) {
      edits = edits(method, original, new AttributedResolution(trees), source);
    }
    if (!edits.problems.isEmpty()) {
      return new Result(null, List.copyOf(edits.problems), List.of(), List.of());
    }
    int from = firstLineAfterBrace(source, (int) bodyStart);
    int to = lastLineEnd(source, (int) bodyEnd - 1);
    SourceText text = new SourceText(source, edits.replacements, SourceText.commonIndent(source, from, to));
    CodeBlock.Builder out = CodeBlock.builder();
    text.render(out, from, to, null);
    out.add("\n");
    return new Result(out.build(), List.of(), List.copyOf(edits.notes), List.copyOf(edits.leftAsWritten));
  }

  /**
   * The fast path's reading of {@code original} and its unit, kept while the generator rewrites
   * that class's methods one after another (a class's guarded methods share it).
   */
  private ClassScope scopeOf(TypeElement original, CompilationUnitTree unit, MemberIndex members) {
    if (scope == null || scope.original() != original || scope.members() != members) {
      scope = ClassScope.of(elements, types, members, original, unit);
    }
    return scope;
  }

  private record Edits(List<Replacement> replacements, List<String> problems, List<String> notes,
      List<Tree> leftAsWritten) {}

  /** The body's replacements and problems, names resolved by {@code resolution}. */
  private Edits edits(GuardedMethod method, TypeElement original, Resolution resolution, CharSequence source) {
    CompilationUnitTree unit = method.unit();
    SourcePositions positions = trees.getSourcePositions();
    MemberAccessScanner access = new MemberAccessScanner(resolution, types, positions, unit, original);
    TreePath bodyPath = new TreePath(method.path(), method.tree().getBody());
    access.scan(bodyPath, null);
    BodyPaths paths = new BodyPaths(bodyPath);
    List<String> problems = new ArrayList<>(access.problems());
    List<Replacement> replacements = new ArrayList<>(access.replacements());
    List<String> notes = new ArrayList<>();
    List<Tree> left = new ArrayList<>();
    ExactOps exact = new ExactOps(resolution, paths, types);
    Map<Replacement.GuardCall, TreePath> targets = new HashMap<>();
    for (Finding finding : distinctTargets(method.findings())) {
      GuardCallOrProblem call = guardCall(finding, method, positions, resolution, paths, exact, source);
      if (call.problem != null) {
        problems.add(call.problem);
      } else if (call.note != null) {
        notes.add(call.note);
        left.add(finding.op());
      } else {
        replacements.add(call.replacement);
        targets.put(call.replacement, paths.of(finding.fix().target()));
      }
    }
    NestedGuardCasts.mark(replacements, targets, resolution, types);
    return new Edits(replacements, problems, notes, left);
  }

  private static Result failure(String problem) {
    return new Result(null, List.of(problem), List.of(), List.of());
  }

  /**
   * One fix per target, except that a guard of one operand alone (a divisor's) and a guard of
   * the op that computes that operand compose; of two rewrites of the same op, the stability
   * rewrite wins.
   */
  private static List<Finding> distinctTargets(List<Finding> findings) {
    Map<List<Object>, Finding> byTarget = new LinkedHashMap<>();
    for (Finding f : findings) {
      if (f.fix() == null) {
        continue;
      }
      List<Object> key = List.of(f.fix().target(), guardsOperand(f));
      byTarget.merge(key, f, (a, b) -> b.hazard() == Hazard.STABILITY ? b : a);
    }
    return List.copyOf(byTarget.values());
  }

  /** A guard call, or why the finding cannot be rewritten: a problem (an error) or a note (the op stays as written). */
  private record GuardCallOrProblem(Replacement.GuardCall replacement, String problem, String note) {}

  /** The guard method chosen for a fix: its name and the row constant passed first, if generic. */
  private record Chosen(String method, RowConstant row) {}

  private GuardCallOrProblem guardCall(Finding finding, GuardedMethod method, SourcePositions positions,
      Resolution resolution, BodyPaths paths, ExactOps exact, CharSequence source) {
    CompilationUnitTree unit = method.unit();
    String refusal = exact.refusal(finding);
    if (refusal != null) {
      return new GuardCallOrProblem(null, null, leftAsWritten(finding, unit, positions, source, refusal));
    }
    Fix fix = finding.fix();
    GuardClass guard = guards.computeIfAbsent(fix.guardClass(), name -> GuardClass.of(elements, types, name));
    if (guard.absence() != null) {
      return new GuardCallOrProblem(null, guard.absence(), null);
    }
    TreePath targetPath = paths.of(fix.target());
    // A float expression must stay float: the double-valued guard is narrowed back (for a
    // divisor: when the division is a float one, whatever the divisor's own type).
    boolean narrow = guardsOperand(finding) ? exact.isFloatDivision(finding.op())
        : targetPath != null && resolution.isFloat(targetPath);
    List<TypeMirror> argTypes = new ArrayList<>();
    for (Tree arg : fix.args()) {
      argTypes.add(typeOf(arg, resolution, paths));
    }
    argTypes.add(types.getPrimitiveType(TypeKind.DOUBLE));
    argTypes.add(stringType());
    // Replacing the whole op, the guard's result must fit where the op's did; a divisor guard
    // replaces an operand of the op, which ExactOps has checked.
    TypeMirror result = guardsOperand(finding) ? null : typeOf(fix.target(), resolution, paths);
    Chosen chosen = choose(guard, fix, guardsOperand(finding), argTypes, result, narrow);
    if (chosen == null) {
      return new GuardCallOrProblem(null, null, leftAsWritten(finding, unit, positions, source, "'" + finding.op()
          + "' needs " + guard.describe(fix.guardMethod(), argTypes)
          + ", which its library's guard class does not declare (nor a generic form that applies)"));
    }
    int[] target = span(positions, unit, fix.target());
    List<int[]> args = new ArrayList<>();
    for (Tree arg : fix.args()) {
      int[] s = span(positions, unit, arg);
      // An argument outside the target is a name or literal the analysis found unchanged since it
      // was read (a composition split over statements): its text means the same value here.
      boolean moved = arg instanceof IdentifierTree || arg instanceof LiteralTree;
      if (s == null || target == null || (!moved && (s[0] < target[0] || s[1] > target[1]))) {
        return new GuardCallOrProblem(null, "internal: the argument of its " + fix.guardMethod()
            + " rewrite has no source span inside the rewritten expression; please report this", null);
      }
      args.add(s);
    }
    if (target == null) {
      return new GuardCallOrProblem(null, "internal: the " + fix.guardMethod()
          + " rewrite targets code without a source position; please report this", null);
    }
    long opAt = OpPosition.of(finding.op(), unit, positions, source);
    long line = unit.getLineMap().getLineNumber(opAt >= 0 ? opAt : target[0]);
    String site = fileName(unit) + ":" + line;
    return new GuardCallOrProblem(new Replacement.GuardCall(target[0], target[1], guard.name(), chosen.method(),
        chosen.row(), args, method.eps(), site, narrow), null, null);
  }

  /** The note for an op the body leaves as written: its line, and {@code why}. */
  private static String leftAsWritten(Finding finding, CompilationUnitTree unit, SourcePositions positions,
      CharSequence source, String why) {
    long line = unit.getLineMap().getLineNumber(OpPosition.of(finding.op(), unit, positions, source));
    return "line " + line + " is left as written, unguarded: " + why;
  }

  /**
   * The first guard method, in order of preference, that a call with {@code argTypes} invokes and
   * whose result fits: the form that skips an idle clamp, the one named after the fix, then the
   * generic {@code unary}/{@code binary} taking the row's constant first; null if none does.
   */
  private Chosen choose(GuardClass guard, Fix fix, boolean operandGuard, List<TypeMirror> argTypes, TypeMirror result,
      boolean narrow) {
    List<Chosen> preferred = new ArrayList<>();
    if (fix.clampIdle()) {
      preferred.add(new Chosen(fix.guardMethod() + Fix.NON_NEGATIVE, null));
    }
    preferred.add(new Chosen(fix.guardMethod(), null));
    RowConstant row = fix.row() == null || operandGuard ? null : OpCatalog.constantOf(fix.row());
    if (row != null) {
      preferred.add(new Chosen(fix.row() instanceof BinarySpec ? GENERIC_BINARY_GUARD : GENERIC_UNARY_GUARD, row));
    }
    for (Chosen c : preferred) {
      List<TypeMirror> params = new ArrayList<>(argTypes);
      if (c.row() != null) {
        params.add(0, rowType(c.row()));
      }
      ExecutableElement m = guard.applicable(c.method(), params);
      if (m != null && fits(m.getReturnType(), result, narrow)) {
        return c;
      }
    }
    return null;
  }

  /** Whether a guard returning {@code returned} can stand where the op's {@code result} stood (null: not asked). */
  private boolean fits(TypeMirror returned, TypeMirror result, boolean narrow) {
    if (result == null) {
      return true;
    }
    return narrow ? NumericPromotion.kindOf(types, returned) != null : types.isAssignable(returned, result);
  }

  /**
   * {@code java.lang.String}, the type of every guard call's site argument, looked up once: an
   * unbound type lookup searches every module of the compilation.
   */
  private TypeMirror stringType() {
    if (stringType == null) {
      stringType = elements.getTypeElement(String.class.getName()).asType();
    }
    return stringType;
  }

  /** The declared type of a catalogue row's constant, as the compilation sees it (null if it cannot), looked up once per row. */
  private TypeMirror rowType(RowConstant row) {
    return rowTypes.computeIfAbsent(row, r -> Optional.ofNullable(declaredRowType(r))).orElse(null);
  }

  private TypeMirror declaredRowType(RowConstant row) {
    TypeElement holder = elements.getTypeElement(row.holder().getCanonicalName());
    if (holder == null) {
      return null;
    }
    for (Element e : holder.getEnclosedElements()) {
      if (e.getKind() == ElementKind.FIELD && e.getSimpleName().contentEquals(row.field())) {
        return e.asType();
      }
    }
    return null;
  }

  /** The static type of an expression of the body (null if it is not in the body). */
  private static TypeMirror typeOf(Tree expression, Resolution resolution, BodyPaths paths) {
    TreePath path = paths.of(expression);
    return path == null ? null : resolution.type(path);
  }

  /** Whether the finding's guard wraps one operand alone (a divisor), leaving its op as written. */
  private static boolean guardsOperand(Finding f) {
    return f.fix().target() != f.op();
  }

  private static int[] span(SourcePositions positions, CompilationUnitTree unit, Tree tree) {
    long s = positions.getStartPosition(unit, tree);
    long e = positions.getEndPosition(unit, tree);
    return s < 0 || e < s ? null : new int[] {(int) s, (int) e};
  }

  /** The simple file name, as stack traces and {@code Site} print it. */
  static String fileName(CompilationUnitTree unit) {
    String path = unit.getSourceFile().toUri().getPath();
    if (path == null) {
      path = unit.getSourceFile().getName();
    }
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }

  /**
   * Skips the opening brace and the whitespace after it; when a line break follows, the next
   * line's indentation is kept for the dedent.
   */
  private static int firstLineAfterBrace(CharSequence source, int bodyStart) {
    int j = bodyStart + 1;
    while (j < source.length() && (source.charAt(j) == ' ' || source.charAt(j) == '\t')) {
      j++;
    }
    // A line ends with \n, \r\n or a lone \r (all legal Java, JLS 3.4).
    if (j < source.length() && source.charAt(j) == '\r') {
      j++;
      return j < source.length() && source.charAt(j) == '\n' ? j + 1 : j;
    }
    return j < source.length() && source.charAt(j) == '\n' ? j + 1 : j;
  }

  /** Drops the whitespace before the closing brace, keeping the statements' last line. */
  private static int lastLineEnd(CharSequence source, int closingBrace) {
    int i = closingBrace;
    while (i > 0 && Character.isWhitespace(source.charAt(i - 1))) {
      i--;
    }
    return i;
  }
}
