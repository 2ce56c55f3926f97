package io.nanguard.processor.rewrite;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Scope;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.nanguard.processor.analysis.MemberIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;

/**
 * Whether a guarded method refers to something that does not exist (yet): a type of its
 * signature or of its class's supertypes that javac could not find, or a name in its body that
 * nothing declares. Such a name may be a class another processor generates in this round
 * (google/auto's BasicAnnotationProcessor defers such elements to the next round), or a plain
 * mistake javac reports; either way the body cannot be analysed or copied now.
 *
 * <p>The source answers first, without attributing the class: every simple name of the body is
 * looked up among the method's own declarations, the members of the class and its enclosing
 * classes, the unit's imports and package, and packages. Only names nothing declares go to
 * javac's scope at the name, which decides (a local class's inherited member, say, is fine). Calls of
 * a missing method on an existing type, and type errors that are no missing name, are left to
 * javac: they are not what a later round can make compile.
 */
public final class BodyErrors {

  private final Trees trees;
  private final Elements elements;
  private final MemberIndex members;
  private final Map<CompilationUnitTree, Optional<UnitTypeNames>> unitTypes = new IdentityHashMap<>();

  /** A check reading names through the round's {@code members} and, for the doubtful ones, {@code trees}. */
  public BodyErrors(Trees trees, Elements elements, MemberIndex members) {
    this.trees = trees;
    this.elements = elements;
    this.members = members;
  }

  /**
   * What {@code method} (declared at {@code path}, in {@code type}) refers to that does not exist,
   * described for a message; null if everything it names exists.
   */
  public String missing(TypeElement type, ExecutableElement method, TreePath path) {
    String signature = signatureError(type, method);
    if (signature != null) {
      return signature;
    }
    if (path == null || ((MethodTree) path.getLeaf()).getBody() == null) {
      return null;
    }
    for (TreePath name : unknownNames(type, path)) {
      if (unresolved(name)) {
        return "'" + name.getLeaf() + "' (line "
            + name.getCompilationUnit().getLineMap().getLineNumber(
                trees.getSourcePositions().getStartPosition(name.getCompilationUnit(), name.getLeaf()))
            + ") cannot be resolved";
      }
    }
    return null;
  }

  /** A type javac could not find among the method's signature and the class's supertypes. */
  private String signatureError(TypeElement type, ExecutableElement method) {
    List<TypeMirror> used = new ArrayList<>();
    used.add(method.getReturnType());
    method.getParameters().stream().map(VariableElement::asType).forEach(used::add);
    used.addAll(method.getThrownTypes());
    for (TypeParameterElement p : method.getTypeParameters()) {
      used.addAll(p.getBounds());
    }
    used.add(type.getSuperclass());
    used.addAll(type.getInterfaces());
    for (TypeMirror t : used) {
      if (erroneous(t, new HashSet<>())) {
        return "its signature or its class's supertypes name '" + t + "', which does not exist";
      }
    }
    return null;
  }

  private static boolean erroneous(TypeMirror t, Set<TypeMirror> seen) {
    if (t == null || !seen.add(t)) {
      return false;
    }
    if (t.getKind() == TypeKind.ERROR) {
      return true;
    }
    if (t instanceof ArrayType a) {
      return erroneous(a.getComponentType(), seen);
    }
    if (t instanceof WildcardType w) {
      return erroneous(w.getExtendsBound(), seen) || erroneous(w.getSuperBound(), seen);
    }
    if (t instanceof DeclaredType d) {
      return d.getTypeArguments().stream().anyMatch(a -> erroneous(a, seen));
    }
    return false;
  }

  /** The body's simple names that no declaration the source shows accounts for. */
  private List<TreePath> unknownNames(TypeElement type, TreePath method) {
    Set<String> declared = DeclaredNames.of((MethodTree) method.getLeaf());
    UnitTypeNames unit = unitTypes(type, method.getCompilationUnit());
    List<TreePath> unknown = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        if (!known(node.getName().toString(), getCurrentPath(), type, declared, unit)) {
          unknown.add(getCurrentPath());
        }
        return null;
      }
    }.scan(new TreePath(method, ((MethodTree) method.getLeaf()).getBody()), null);
    return unknown;
  }

  /**
   * The unit's type names, read once per unit and round: what they depend on besides the unit's
   * imports, its package and module, is the same for every type the unit declares. Null for
   * imports this reading cannot model: every name then goes to javac.
   */
  private UnitTypeNames unitTypes(TypeElement type, CompilationUnitTree unit) {
    return unitTypes.computeIfAbsent(unit, u -> {
      try {
        return Optional.of(new UnitTypeNames(elements, members, type, u));
      } catch (Unresolvable e) {
        return Optional.empty();
      }
    }).orElse(null);
  }

  private boolean known(String name, TreePath path, TypeElement type, Set<String> declared, UnitTypeNames unit) {
    Tree parent = path.getParentPath().getLeaf();
    if (declared.contains(name) || name.equals("this") || name.equals("super") || name.equals("var")
        || MemberAccessScanner.isCaseLabel(parent) || annotationElement(path)) {
      return true;
    }
    for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (!members.named(t, name).isEmpty()
          || t.getTypeParameters().stream().anyMatch(p -> p.getSimpleName().contentEquals(name))) {
        return true;
      }
    }
    if (unit == null) {
      return false;
    }
    try {
      if (unit.topLevel(name) != null || unit.staticallyImported(name)) {
        return true;
      }
    } catch (Unresolvable e) {
      return false; // an import naming no type, or two that clash: javac decides
    }
    return qualifiedNameOfAnExistingType(name, path, unit);
  }

  /**
   * Whether the name starts a qualified name ({@code java.lang.Math.sqrt}) of which some prefix
   * is a package or a type that exists: a package named {@code java} alone exists in no module.
   */
  private boolean qualifiedNameOfAnExistingType(String name, TreePath path, UnitTypeNames unit) {
    StringBuilder prefix = new StringBuilder(name);
    for (TreePath p = path; p.getParentPath().getLeaf() instanceof MemberSelectTree select
        && select.getExpression() == p.getLeaf(); p = p.getParentPath()) {
      if (elements.getPackageElement(prefix) != null || unit.canonical(prefix.toString()) != null) {
        return true;
      }
      prefix.append('.').append(select.getIdentifier());
    }
    return false;
  }

  /** {@code value} in {@code @SuppressWarnings(value = "x")} names the annotation's element. */
  private static boolean annotationElement(TreePath path) {
    TreePath parent = path.getParentPath();
    return parent.getLeaf() instanceof AssignmentTree a && a.getVariable() == path.getLeaf()
        && parent.getParentPath().getLeaf() instanceof AnnotationTree;
  }

  /**
   * Whether javac's scope at the name holds nothing of that name: no local element, no member
   * of an enclosing class (a local or anonymous class inherits members the source does not
   * show). {@link Trees#getScope} attributes the method on javac's side with its diagnostics
   * discarded: attributing the class itself would report the missing name as an error that stops
   * annotation processing, so the round that could generate it would never come.
   */
  private boolean unresolved(TreePath name) {
    String simple = ((IdentifierTree) name.getLeaf()).getName().toString();
    for (Scope s = trees.getScope(name); s != null; s = s.getEnclosingScope()) {
      for (Element local : s.getLocalElements()) {
        if (local.getSimpleName().contentEquals(simple)) {
          return false;
        }
      }
      for (Element e = s.getEnclosingClass(); e instanceof TypeElement t; e = e.getEnclosingElement()) {
        if (!members.named(t, simple).isEmpty()) {
          return false;
        }
      }
    }
    return true;
  }
}
