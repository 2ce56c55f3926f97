package io.nanguard.processor.rewrite;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;

/**
 * Where an op itself is written, which is where javac places a diagnostic on it: the operator
 * of {@code a / b}, the method name of {@code x.log()}. For an expression that spans lines this
 * is not where the expression starts, and the generated {@code Guard} call's site must name the
 * op's own line, as the compile-time warning does.
 */
final class OpPosition {

  private OpPosition() {}

  /** The position of {@code op}'s operator or method name in {@code source}. */
  static long of(Tree op, CompilationUnitTree unit, SourcePositions positions, CharSequence source) {
    long start = positions.getStartPosition(unit, op);
    if (op instanceof MethodInvocationTree call && call.getMethodSelect() instanceof MemberSelectTree select) {
      long end = positions.getEndPosition(unit, select);
      return end < 0 ? start : end - select.getIdentifier().length();
    }
    Tree left = op instanceof BinaryTree b ? b.getLeftOperand()
        : op instanceof CompoundAssignmentTree c ? c.getVariable() : null;
    if (left != null) {
      long end = positions.getEndPosition(unit, left);
      return end < 0 ? start : skipBlanksAndComments(source, (int) end);
    }
    return start;
  }

  /** The first position at or after {@code i} that is not white space nor inside a comment. */
  private static int skipBlanksAndComments(CharSequence s, int i) {
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
        while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int close = s.toString().indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else if (c == ')') {
        i++; // the left operand's closing parentheses are not part of its tree's span
      } else {
        return i;
      }
    }
    return i;
  }
}
