package io.nanguard.processor.analysis;

import com.sun.source.tree.Tree;
import io.nanguard.ops.OpCatalog;
import io.nanguard.ops.api.ApiMethod;
import io.nanguard.ops.api.Returns;
import io.nanguard.ops.api.Role;
import java.util.Map;

/** Java's arithmetic operators as API rows, on doubles and ints alike. */
final class Operators {

  private static final Map<Tree.Kind, ApiMethod> BY_KIND = Map.of(
      Tree.Kind.PLUS, new ApiMethod("+", 1, Role.ADD, -1, Returns.SCALAR),
      Tree.Kind.MINUS, new ApiMethod("-", 1, Role.SUB, -1, Returns.SCALAR),
      Tree.Kind.MULTIPLY, new ApiMethod("*", 1, Role.MUL, -1, Returns.SCALAR),
      Tree.Kind.DIVIDE, new ApiMethod("/", 1, Role.DIV, -1, Returns.SCALAR),
      Tree.Kind.UNARY_MINUS, new ApiMethod("-", 0, Role.UNARY, OpCatalog.NEG, null, -1, Returns.SCALAR));

  /** {@code x * x} for one x: the catalogue's square. */
  static final ApiMethod SQUARE = new ApiMethod("*", 1, Role.UNARY, OpCatalog.SQUARE, null, -1, Returns.SCALAR);

  private Operators() {}

  /** The arithmetic operator of this tree kind, or null for other operators. */
  static ApiMethod of(Tree.Kind kind) {
    return BY_KIND.get(kind);
  }
}
