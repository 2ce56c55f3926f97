package io.nanguard.processor.analysis;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import io.nanguard.ops.api.ApiTable;
import java.util.Map;
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

  private final Types types;
  private final MemberIndex members;
  private final ModuleElement module;
  private final Apis apis;

  /** Kinds of types as seen from {@code module} (null on a compiler without modules). */
  Kinds(Types types, MemberIndex members, ModuleElement module, Apis apis) {
    this.types = types;
    this.members = members;
    this.module = module;
    this.apis = apis;
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
    if (t instanceof DeclaredType d) {
      String qualified = ((TypeElement) d.asElement()).getQualifiedName().toString();
      if (apis.forInstanceType(qualified) != null) {
        return Kind.TENSOR;
      }
      if (qualified.startsWith("java.lang.")) {
        return BOXES.getOrDefault(qualified.substring("java.lang.".length()), Kind.OTHER);
      }
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
    TypeElement e = members.type(module, name);
    if (e == null && name.indexOf('.') < 0) {
      e = members.type(module, "java.lang." + name);
    }
    return e == null ? null : types.erasure(e.asType());
  }

  /** The kind of a local's declared type tree. */
  Kind kindOf(Tree typeTree, TypeMirror resolved) {
    if (resolved != null) {
      return of(resolved);
    }
    return typeTree != null && apis.forInstanceType(typeTree.toString()) != null ? Kind.TENSOR : Kind.OTHER;
  }
}
