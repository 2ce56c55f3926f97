package io.nanguard.processor.analysis;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The start of a tree's source-like text, at most a given length, in time proportional to that
 * length rather than to the tree: {@code Tree.toString()} prints the whole subtree, so quoting
 * every op of a deep nest ({@code sqrt(sqrt(...))}, one warning per level) was quadratic. Calls,
 * member selects, binary, unary and parenthesized expressions are printed piece by piece;
 * other trees (names, literals, small leaves in practice) by {@code toString()}.
 */
final class BoundedText {

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final StringBuilder out = new StringBuilder();
  private final int max;

  private BoundedText(int max) {
    this.max = max;
  }

  /** The first {@code max} characters (or fewer) of {@code tree}'s text, whitespace runs as one space. */
  static String of(Tree tree, int max) {
    BoundedText t = new BoundedText(max);
    t.print(tree);
    return t.out.length() > max ? t.out.substring(0, max) : t.out.toString();
  }

  private boolean full() {
    return out.length() > max;
  }

  private void print(Tree tree) {
    if (full()) {
      return;
    }
    if (tree instanceof MethodInvocationTree call) {
      print(call.getMethodSelect());
      out.append('(');
      list(call.getArguments());
      out.append(')');
    } else if (tree instanceof MemberSelectTree select) {
      print(select.getExpression());
      out.append('.').append(select.getIdentifier());
    } else if (tree instanceof ParenthesizedTree p) {
      out.append('(');
      print(p.getExpression());
      out.append(')');
    } else if (tree instanceof BinaryTree b) {
      print(b.getLeftOperand());
      out.append(' ').append(operator(b)).append(' ');
      print(b.getRightOperand());
    } else if (tree instanceof UnaryTree u && u.getKind() == Tree.Kind.UNARY_MINUS) {
      out.append('-');
      print(u.getExpression());
    } else if (tree instanceof IdentifierTree id) {
      out.append(id.getName()); // what toString() prints for a name, which holds no whitespace
    } else {
      out.append(WHITESPACE.matcher(tree.toString()).replaceAll(" "));
    }
  }

  private void list(List<? extends ExpressionTree> args) {
    for (int i = 0; i < args.size() && !full(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      print(args.get(i));
    }
  }

  private static String operator(BinaryTree b) {
    return switch (b.getKind()) {
      case PLUS -> "+";
      case MINUS -> "-";
      case MULTIPLY -> "*";
      case DIVIDE -> "/";
      case REMAINDER -> "%";
      case LEFT_SHIFT -> "<<";
      case RIGHT_SHIFT -> ">>";
      case UNSIGNED_RIGHT_SHIFT -> ">>>";
      case LESS_THAN -> "<";
      case GREATER_THAN -> ">";
      case LESS_THAN_EQUAL -> "<=";
      case GREATER_THAN_EQUAL -> ">=";
      case EQUAL_TO -> "==";
      case NOT_EQUAL_TO -> "!=";
      case AND -> "&";
      case XOR -> "^";
      case OR -> "|";
      case CONDITIONAL_AND -> "&&";
      case CONDITIONAL_OR -> "||";
      default -> "?";
    };
  }
}
