package io.nanguard.processor.rewrite;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.util.TreePath;
import io.nanguard.processor.analysis.MemberIndex;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Answers the rewriter's questions about one guarded method from its source, the unit's imports
 * and the per-round {@link MemberIndex}, without attributing the class (JLS 6.4, 6.5, 15.12).
 * It gives the element javac would give where the rewrite depends on it, and null where any
 * element javac could give leaves the rewrite unchanged (a local variable; a member select that
 * cannot reach a private member of this unit nor a protected one of another package). Whatever
 * it cannot prove it refuses with {@link Unresolvable}, and the whole method goes to javac.
 *
 * <p>What it knows of the class and its unit, shared by the class's guarded methods, is a
 * {@link ClassScope}.
 */
final class SyntacticResolution implements Resolution {

  private final ClassScope scope;
  private final TypeElement original;
  private final MethodTree method;
  private final MemberIndex members;
  private final UnitTypeNames unitTypes;
  private final MethodVariables variables;
  private final ExpressionTyper typer;

  /** @throws Unresolvable if the method is not one this resolution can read */
  SyntacticResolution(ClassScope scope, Types types, MethodTree method) {
    this.scope = scope;
    this.original = scope.original();
    this.method = method;
    this.members = scope.members();
    this.unitTypes = scope.unitTypes();
    this.variables = new MethodVariables(method);
    this.typer = new ExpressionTyper(this, types, members);
  }

  @Override
  public Element element(TreePath path) {
    Tree leaf = path.getLeaf();
    if (leaf instanceof IdentifierTree id) {
      return identifier(id, path);
    }
    if (leaf instanceof MemberSelectTree select) {
      return memberSelect(select);
    }
    if (leaf instanceof NewClassTree created) {
      return newClass(created);
    }
    throw new Unresolvable();
  }

  @Override
  public boolean isFloat(TreePath path) {
    return typer.isFloat(path);
  }

  @Override
  public TypeMirror type(TreePath path) {
    return typer.type(path);
  }

  @Override
  public TypeElement owner(TreePath call) {
    return typer.owner(call);
  }

  /**
   * A simple name: a variable of the method (null), a method or field of the class (its
   * element), or a type (its element; null for a type variable).
   */
  Element identifier(IdentifierTree node, TreePath path) {
    String name = node.getName().toString();
    if (name.equals("this") || name.equals("super")) {
      return null;
    }
    Tree parent = path.getParentPath().getLeaf();
    // A case label names a constant of the selector's type, not of this scope; when a static
    // import applies is left to javac.
    if (MemberAccessScanner.isCaseLabel(parent) || unitTypes.staticallyImported(name)) {
      throw new Unresolvable();
    }
    if (parent instanceof MethodInvocationTree call && call.getMethodSelect() == node) {
      return method(name);
    }
    List<Element> fields = members.named(original, name).stream()
        .filter(e -> e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.ENUM_CONSTANT)
        .toList();
    Element type = type(name);
    if (variables.contains(name)) {
      if (!fields.isEmpty() || type != null || typeVariable(name)) {
        throw new Unresolvable(); // which one a use means depends on scope and context
      }
      return null;
    }
    if (fields.size() == 1 && type == null && !typeVariable(name)) {
      Element field = fields.get(0);
      if (field.getModifiers().contains(Modifier.PRIVATE) && !field.getEnclosingElement().equals(original)) {
        throw new Unresolvable();
      }
      return field;
    }
    if (fields.isEmpty() && (type != null || typeVariable(name))) {
      return type;
    }
    throw new Unresolvable();
  }

  /** A method called by simple name: the class's own or inherited ones (15.12.1), when any will do. */
  private Element method(String name) {
    List<Element> methods = members.named(original, name).stream()
        .filter(e -> e.getKind() == ElementKind.METHOD)
        .toList();
    for (Element m : methods) {
      boolean staticOfInterface = m.getModifiers().contains(Modifier.STATIC)
          && m.getEnclosingElement().getKind().isInterface();
      // Which overload javac picks matters only for private ones and static interface methods.
      if (m.getModifiers().contains(Modifier.PRIVATE) || staticOfInterface) {
        throw new Unresolvable();
      }
    }
    if (methods.isEmpty()) {
      throw new Unresolvable(); // a static import or an outer scope: javac's job
    }
    return methods.get(0);
  }

  /**
   * The type a simple name denotes: a member type of the class, else the unit's top-level view;
   * null if none or a type variable.
   */
  TypeElement type(String name) {
    List<TypeElement> memberTypes = members.named(original, name).stream()
        .filter(e -> e instanceof TypeElement)
        .map(e -> (TypeElement) e)
        .toList();
    if (memberTypes.size() > 1 || (memberTypes.size() == 1 && typeVariable(name))) {
      throw new Unresolvable();
    }
    if (memberTypes.size() == 1) {
      return memberTypes.get(0);
    }
    return typeVariable(name) ? null : unitTypes.topLevel(name);
  }

  /** Whether {@code name} is a type parameter of the method or of the class. */
  boolean typeVariable(String name) {
    for (TypeParameterTree p : method.getTypeParameters()) {
      if (p.getName().contentEquals(name)) {
        return true;
      }
    }
    for (TypeParameterElement p : original.getTypeParameters()) {
      if (p.getSimpleName().contentEquals(name)) {
        return true;
      }
    }
    return false;
  }

  /** The type a qualified name denotes, if it is one. */
  TypeElement canonicalType(String name) {
    return unitTypes.canonical(name);
  }

  /** The original class as a type, for calls by simple name. */
  TypeMirror originalType() {
    return original.asType();
  }

  /** The variables of the method. */
  MethodVariables variables() {
    return variables;
  }

  /**
   * {@code expr.name}: the scanner needs the element only to find private members and protected
   * ones of another package, and only those names can denote them.
   */
  private Element memberSelect(MemberSelectTree node) {
    String name = node.getIdentifier().toString();
    if (scope.declarations().hasPrivateMember(name) || scope.protectedElsewhere().contains(name)) {
      throw new Unresolvable();
    }
    return null;
  }

  /** {@code new T(...)}: only a type of this unit can have a private constructor the body may call. */
  private Element newClass(NewClassTree node) {
    if (node.getClassBody() != null || node.getEnclosingExpression() != null) {
      throw new Unresolvable();
    }
    ExpressionTree type = node.getIdentifier();
    if (type instanceof ParameterizedTypeTree p) {
      type = (ExpressionTree) p.getType();
    }
    String simple;
    if (type instanceof MemberSelectTree s) {
      simple = s.getIdentifier().toString();
    } else if (type instanceof IdentifierTree id) {
      simple = id.getName().toString();
    } else {
      throw new Unresolvable();
    }
    if (scope.declarations().declaresType(simple)) {
      throw new Unresolvable();
    }
    return null;
  }
}
