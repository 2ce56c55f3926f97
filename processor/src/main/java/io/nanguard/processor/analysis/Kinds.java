package io.nanguard.processor.analysis;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import java.util.Map;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Maps Java types, as element types or as the unattributed type trees of local variables (the
 * processor reads bodies before javac attributes them), to {@link Kind}s.
 */
final class Kinds {

  private static final Map<String, Kind> BOXES = Map.of(
      "Double", Kind.FLOAT, "Float", Kind.FLOAT,
      "Integer", Kind.INTEGRAL, "Long", Kind.INTEGRAL, "Short", Kind.INTEGRAL,
      "Byte", Kind.INTEGRAL, "Character", Kind.INTEGRAL);

  private final Types types;
  private final MemberIndex members;
  private final ModuleElement module;

  /** Kinds of types as seen from {@code module} (null on a compiler without modules). */
  Kinds(Types types, MemberIndex members, ModuleElement module) {
    this.types = types;
    this.members = members;
    this.module = module;
  }

  static Kind of(TypeMirror t) {
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
      ApiTable api = ApiTable.forType(qualified);
      if (api != null && api.instanceKind() != null) {
        return api.instanceKind();
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
    ApiTable api = typeTree == null ? null : ApiTable.forType(typeTree.toString());
    return api != null && api.instanceKind() != null ? api.instanceKind() : Kind.OTHER;
  }
}
