package io.nanguard.processor.analysis;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import io.nanguard.ops.api.ApiTable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Maps Java types, as element types or as the unattributed type trees of local variables (the
 * processor reads bodies before javac attributes them), to {@link Kind}s and to the library
 * ({@link Apis}) whose table describes their values.
 */
final class Kinds {

  private static final Map<String, Kind> BOXES = Map.of(
      "Double", Kind.FLOAT, "Float", Kind.FLOAT,
      "Integer", Kind.INTEGRAL, "Long", Kind.INTEGRAL, "Short", Kind.INTEGRAL,
      "Byte", Kind.INTEGRAL, "Character", Kind.INTEGRAL);

  private static final Set<ElementKind> TYPES = EnumSet.of(
      ElementKind.CLASS, ElementKind.INTERFACE, ElementKind.ENUM, ElementKind.RECORD, ElementKind.ANNOTATION_TYPE);

  private final Types types;
  private final MemberIndex members;
  private final ModuleElement module;
  private final Apis apis;
  private final TypeElement owner;
  private final Map<String, String> singleImports = new HashMap<>();
  private final List<String> prefixes = new ArrayList<>();
  /** The kind of each class type asked about: it depends on the class's name alone. */
  private final Map<Element, Kind> declaredKinds = new HashMap<>();

  /**
   * Kinds of types as written in {@code unit} inside {@code owner}, looked up in {@code module}
   * (null on a compiler without modules).
   */
  Kinds(Types types, MemberIndex members, ModuleElement module, Apis apis, TypeElement owner, CompilationUnitTree unit) {
    this.types = types;
    this.members = members;
    this.module = module;
    this.apis = apis;
    this.owner = owner;
    ExpressionTree pkg = unit.getPackageName();
    prefixes.add(pkg == null ? "" : pkg + ".");
    for (ImportTree i : unit.getImports()) {
      String name = i.getQualifiedIdentifier().toString();
      if (!i.isStatic()) {
        String simple = name.substring(name.lastIndexOf('.') + 1);
        if (simple.equals("*")) {
          prefixes.add(name.substring(0, name.length() - 1));
        } else {
          singleImports.put(simple, name);
        }
      }
    }
    prefixes.add("java.lang.");
  }

  /** Java's primitive {@code float}. */
  TypeMirror floatType() {
    return types.getPrimitiveType(TypeKind.FLOAT);
  }

  /** A value of type {@code t} about which {@code fact} is known. */
  Value value(Fact fact, TypeMirror t, ExpressionTree tree) {
    Kind kind = of(t);
    return Value.plain(fact, kind, apiOf(t, kind), t, tree);
  }

  /** The library of a value of type t (of kind {@code kind}), or null. */
  ApiTable apiOf(TypeMirror t, Kind kind) {
    if (kind == Kind.FLOAT || kind == Kind.INTEGRAL) {
      return Apis.scalars();
    }
    if (t instanceof DeclaredType d) {
      return apis.forInstanceType(((TypeElement) d.asElement()).getQualifiedName().toString());
    }
    return null;
  }

  /** The library of a local's declared type tree (resolved to {@code resolved} when it could be). */
  ApiTable apiOf(Tree typeTree, TypeMirror resolved, Kind kind) {
    if (resolved != null || kind != Kind.TENSOR) {
      return apiOf(resolved, kind);
    }
    return apis.forInstanceType(typeTree.toString());
  }

  Kind of(TypeMirror t) {
    if (t == null) {
      return Kind.OTHER;
    }
    if (t.getKind() == TypeKind.DOUBLE || t.getKind() == TypeKind.FLOAT) {
      return Kind.FLOAT;
    }
    if (t.getKind().isPrimitive() && t.getKind() != TypeKind.BOOLEAN) {
      return Kind.INTEGRAL;
    }
    return t instanceof DeclaredType d ? declaredKinds.computeIfAbsent(d.asElement(), this::declaredKind) : Kind.OTHER;
  }

  private Kind declaredKind(Element type) {
    String qualified = ((TypeElement) type).getQualifiedName().toString();
    if (apis.forInstanceType(qualified) != null) {
      return Kind.TENSOR;
    }
    if (qualified.startsWith("java.lang.")) {
      return BOXES.getOrDefault(qualified.substring("java.lang.".length()), Kind.OTHER);
    }
    return Kind.OTHER;
  }

  /** The type a local's declared type tree names, when it can be told without attribution; else null. */
  TypeMirror typeOf(Tree typeTree) {
    if (typeTree instanceof PrimitiveTypeTree p) {
      return types.getPrimitiveType(p.getPrimitiveTypeKind());
    }
    if (typeTree instanceof ArrayTypeTree a) {
      TypeMirror component = typeOf(a.getType());
      return component == null ? null : types.getArrayType(component);
    }
    if (typeTree == null) {
      return null;
    }
    String name = typeTree.toString();
    int generic = name.indexOf('<');
    if (generic >= 0) {
      name = name.substring(0, generic);
    }
    TypeElement e = typeNamed(name);
    return e == null ? null : types.erasure(e.asType());
  }

  /**
   * The type a name written in the unit denotes (simple or qualified), or null: a member type of
   * the owner (declared or inherited), a single-type import, the unit's package, an on-demand
   * import, java.lang (JLS 6.4.1's order, without the rare shadowings it also has).
   */
  TypeElement typeNamed(String name) {
    if (name.indexOf('.') >= 0) {
      return members.type(module, name);
    }
    if (owner.getSimpleName().contentEquals(name)) {
      return owner;
    }
    for (Element e : members.named(owner, name)) {
      if (TYPES.contains(e.getKind())) {
        return (TypeElement) e;
      }
    }
    String imported = singleImports.get(name);
    if (imported != null) {
      return members.type(module, imported);
    }
    for (String prefix : prefixes) {
      TypeElement t = members.type(module, prefix + name);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  /** The kind of a local's declared type tree. */
  Kind kindOf(Tree typeTree, TypeMirror resolved) {
    if (resolved != null) {
      return of(resolved);
    }
    return typeTree != null && apis.forInstanceType(typeTree.toString()) != null ? Kind.TENSOR : Kind.OTHER;
  }
}
