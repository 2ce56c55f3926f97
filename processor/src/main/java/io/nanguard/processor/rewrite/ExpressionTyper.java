package io.nanguard.processor.rewrite;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import io.nanguard.processor.analysis.MemberIndex;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The static type of an expression of a guarded body, read from the source: literals, casts,
 * operators with numeric promotion (JLS 5.6), variables with declared types, fields, array
 * elements, arrays created with {@code new}, and calls whose every overload returns the same
 * type (as {@code Math.sqrt} and {@code Tensor} chains do). Enough to tell whether a guarded expression is {@code float};
 * anything else (generics, {@code var}, overloads that differ) is {@link Unresolvable}.
 */
final class ExpressionTyper {

  private final SyntacticResolution names;
  private final Types types;
  private final MemberIndex members;
  private final Map<Tree, TypeMirror> typed = new IdentityHashMap<>();

  ExpressionTyper(SyntacticResolution names, Types types, MemberIndex members) {
    this.names = names;
    this.types = types;
    this.members = members;
  }

  boolean isFloat(TreePath path) {
    return type(path).getKind() == TypeKind.FLOAT;
  }

  /**
   * The static type of the expression at {@code path}, worked out once per tree: the rewriter asks
   * again for the receivers of a call chain ({@code a.sub(b).square().sum(1).sqrt()}: each call's
   * owner is its receiver's type), which would be quadratic in the chain. A tree of this body has
   * one parent chain, which is all the answer reads besides the tree, so the remembered type is the
   * one asking again would give; a tree that cannot be typed throws, and the method goes to javac.
   */
  TypeMirror type(TreePath path) {
    TypeMirror known = typed.get(path.getLeaf());
    if (known == null) {
      known = typeOnce(path);
      typed.put(path.getLeaf(), known);
    }
    return known;
  }

  private TypeMirror typeOnce(TreePath path) {
    Tree tree = path.getLeaf();
    if (tree instanceof ParenthesizedTree p) {
      return type(new TreePath(path, p.getExpression()));
    }
    if (tree instanceof LiteralTree) {
      return literal(tree.getKind());
    }
    if (tree instanceof TypeCastTree c) {
      return typeOf(c.getType());
    }
    if (tree instanceof UnaryTree u) {
      return unary(u, type(new TreePath(path, u.getExpression())));
    }
    if (tree instanceof BinaryTree b) {
      return binary(b.getKind(), type(new TreePath(path, b.getLeftOperand())), type(new TreePath(path, b.getRightOperand())));
    }
    if (tree instanceof IdentifierTree id) {
      return variable(id, path);
    }
    if (tree instanceof MemberSelectTree s) {
      return field(s, path);
    }
    if (tree instanceof ArrayAccessTree a && type(new TreePath(path, a.getExpression())) instanceof ArrayType array) {
      return array.getComponentType();
    }
    if (tree instanceof MethodInvocationTree call && call.getTypeArguments().isEmpty()) {
      return call(call, path);
    }
    if (tree instanceof NewArrayTree created && created.getType() != null) {
      return newArray(created);
    }
    throw new Unresolvable();
  }

  /**
   * {@code new int[] {1}}, {@code new int[n]}, {@code new int[n][]}: the element type tree holds
   * the brackets written after the dimensions, and each dimension (or the initializer) adds one.
   */
  private TypeMirror newArray(NewArrayTree created) {
    TypeMirror type = typeOf(created.getType());
    for (int i = 0; i < Math.max(1, created.getDimensions().size()); i++) {
      type = types.getArrayType(type);
    }
    return type;
  }

  private TypeMirror literal(Tree.Kind kind) {
    return switch (kind) {
      case INT_LITERAL, CHAR_LITERAL -> primitive(kind == Tree.Kind.INT_LITERAL ? TypeKind.INT : TypeKind.CHAR);
      case LONG_LITERAL -> primitive(TypeKind.LONG);
      case FLOAT_LITERAL -> primitive(TypeKind.FLOAT);
      case DOUBLE_LITERAL -> primitive(TypeKind.DOUBLE);
      case BOOLEAN_LITERAL -> primitive(TypeKind.BOOLEAN);
      default -> throw new Unresolvable();
    };
  }

  private TypeMirror unary(UnaryTree u, TypeMirror operand) {
    return switch (u.getKind()) {
      case UNARY_PLUS, UNARY_MINUS, BITWISE_COMPLEMENT -> promote(operand, primitive(TypeKind.INT));
      case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> operand;
      case LOGICAL_COMPLEMENT -> primitive(TypeKind.BOOLEAN);
      default -> throw new Unresolvable();
    };
  }

  private TypeMirror binary(Tree.Kind kind, TypeMirror left, TypeMirror right) {
    return switch (kind) {
      case PLUS, MINUS, MULTIPLY, DIVIDE, REMAINDER -> promote(left, right);
      case LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN, GREATER_THAN_EQUAL, EQUAL_TO, NOT_EQUAL_TO,
          CONDITIONAL_AND, CONDITIONAL_OR -> primitive(TypeKind.BOOLEAN);
      default -> throw new Unresolvable();
    };
  }

  /** Binary numeric promotion of two numeric operands (boxed ones unboxed). */
  private TypeMirror promote(TypeMirror left, TypeMirror right) {
    return primitive(NumericPromotion.promote(numeric(left), numeric(right)));
  }

  private TypeKind numeric(TypeMirror t) {
    TypeKind kind = NumericPromotion.kindOf(types, t);
    if (kind == null) {
      throw new Unresolvable(); // e.g. string concatenation
    }
    return kind;
  }

  /** A simple name as an expression: {@code this}, a variable of the method (one declared type) or a field. */
  private TypeMirror variable(IdentifierTree id, TreePath path) {
    if (id.getName().contentEquals("this")) {
      return names.originalType();
    }
    Element e = names.identifier(id, path);
    if (e instanceof VariableElement field) {
      return field.asType();
    }
    List<VariableTree> declarations = names.variables().declarations(id.getName().toString());
    if (e != null || declarations.isEmpty()) {
      throw new Unresolvable();
    }
    TypeMirror type = typeOf(declarations.get(0).getType());
    for (VariableTree v : declarations) {
      if (!types.isSameType(type, typeOf(v.getType()))) {
        throw new Unresolvable(); // the name is reused with another type: scope decides
      }
    }
    return type;
  }

  /** {@code expr.name} as a field access, or {@code array.length}. */
  private TypeMirror field(MemberSelectTree s, TreePath path) {
    String name = s.getIdentifier().toString();
    TypeMirror owner = qualifierType(new TreePath(path, s.getExpression()));
    if (owner instanceof ArrayType && name.equals("length")) {
      return primitive(TypeKind.INT);
    }
    List<Element> fields = membersOf(owner, name).stream().filter(e -> e.getKind() == ElementKind.FIELD).toList();
    if (fields.size() != 1) {
      throw new Unresolvable();
    }
    return fields.get(0).asType();
  }

  /**
   * The type that declares the method {@code call} invokes: the qualifier's type, when every
   * method of that name in it is declared there (an inherited one would be declared elsewhere).
   * A call by simple name is left to javac (a static import or an enclosing class may supply it).
   */
  TypeElement owner(TreePath call) {
    if (!(call.getLeaf() instanceof MethodInvocationTree invocation)
        || !(invocation.getMethodSelect() instanceof MemberSelectTree s)) {
      throw new Unresolvable();
    }
    TypeMirror qualifier = qualifierType(new TreePath(new TreePath(call, s), s.getExpression()));
    if (!(qualifier instanceof DeclaredType d) || !(d.asElement() instanceof TypeElement t)) {
      throw new Unresolvable();
    }
    List<Element> methods = membersOf(qualifier, s.getIdentifier().toString()).stream()
        .filter(e -> e.getKind() == ElementKind.METHOD).toList();
    if (methods.isEmpty() || methods.stream().anyMatch(m -> !m.getEnclosingElement().equals(t))) {
      throw new Unresolvable();
    }
    return t;
  }

  /** A call whose overloads, in the receiver's type, all return one type. */
  private TypeMirror call(MethodInvocationTree call, TreePath path) {
    Tree select = call.getMethodSelect();
    String name;
    List<Element> candidates;
    if (select instanceof IdentifierTree id) {
      name = id.getName().toString();
      names.identifier(id, new TreePath(path, id)); // refuses names a static import may bring in
      candidates = membersOf(names.originalType(), name);
    } else if (select instanceof MemberSelectTree s) {
      name = s.getIdentifier().toString();
      candidates = membersOf(qualifierType(new TreePath(new TreePath(path, s), s.getExpression())), name);
    } else {
      throw new Unresolvable();
    }
    TypeMirror returns = null;
    for (Element e : candidates) {
      if (e instanceof ExecutableElement m && e.getKind() == ElementKind.METHOD) {
        TypeMirror r = m.getReturnType();
        boolean concrete = r.getKind().isPrimitive() || r.getKind() == TypeKind.VOID
            || (r instanceof DeclaredType d && d.getTypeArguments().isEmpty());
        if (!concrete || (returns != null && !types.isSameType(returns, r))) {
          throw new Unresolvable();
        }
        returns = r;
      }
    }
    if (returns == null) {
      throw new Unresolvable();
    }
    return returns;
  }

  /** The type of a qualifier: a type name (for static members) or an expression. */
  private TypeMirror qualifierType(TreePath path) {
    if (path.getLeaf() instanceof IdentifierTree id && names.identifier(id, path) instanceof TypeElement t) {
      return types.erasure(t.asType());
    }
    return type(path);
  }

  private List<Element> membersOf(TypeMirror type, String name) {
    if (!(type instanceof DeclaredType d)) {
      throw new Unresolvable();
    }
    return members.named((TypeElement) d.asElement(), name);
  }

  /** The type a declared type tree names; {@code var} and type variables are refused. */
  private TypeMirror typeOf(Tree typeTree) {
    if (typeTree instanceof PrimitiveTypeTree p) {
      return primitive(p.getPrimitiveTypeKind());
    }
    if (typeTree instanceof ArrayTypeTree a) {
      return types.getArrayType(typeOf(a.getType()));
    }
    if (typeTree instanceof ParameterizedTypeTree p) {
      return typeOf(p.getType());
    }
    TypeElement named = null;
    if (typeTree instanceof IdentifierTree id) {
      named = names.type(id.getName().toString());
    } else if (typeTree instanceof MemberSelectTree) {
      named = names.canonicalType(typeTree.toString());
    }
    if (named == null) {
      throw new Unresolvable();
    }
    return types.erasure(named.asType());
  }

  private PrimitiveType primitive(TypeKind kind) {
    return types.getPrimitiveType(kind);
  }
}
