package io.nanguard.processor.analysis;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import io.nanguard.ops.api.Role;

/**
 * Whether two values are the same expression: produced by the same op (also through a local),
 * or reads of the same variable. Used to recognise {@code exp(x) / sum(exp(x))} and
 * {@code mean(x * x) - mean(x)^2}, where the two x must be one value.
 */
final class Equivalence {

  private Equivalence() {}

  static boolean same(Value a, Value b) {
    if (a.opTree() != null && a.opTree() == b.opTree()) {
      return true;
    }
    if (a.origin() != null && a.origin().role() != Role.UNKNOWN && a.origin().equals(b.origin())
        && a.operands().size() == b.operands().size()) {
      for (int i = 0; i < a.operands().size(); i++) {
        if (!same(a.operand(i), b.operand(i))) {
          return false;
        }
      }
      return true;
    }
    // Two reads of one parameter, field or element; other unknown expressions may be calls with effects.
    return isRead(a.tree()) && isRead(b.tree()) && writtenAlike(a.tree(), b.tree());
  }

  /**
   * Whether two trees print alike, compared name by name where they are names, selections and
   * element reads (printing a tree walks it through javac's pretty-printer, and this question is
   * asked at every op with two operands).
   */
  private static boolean writtenAlike(ExpressionTree a, ExpressionTree b) {
    if (a instanceof IdentifierTree x && b instanceof IdentifierTree y) {
      return x.getName().contentEquals(y.getName());
    }
    if (a instanceof MemberSelectTree x && b instanceof MemberSelectTree y) {
      return x.getIdentifier().contentEquals(y.getIdentifier()) && writtenAlike(x.getExpression(), y.getExpression());
    }
    if (a instanceof ArrayAccessTree x && b instanceof ArrayAccessTree y) {
      return writtenAlike(x.getExpression(), y.getExpression()) && writtenAlike(x.getIndex(), y.getIndex());
    }
    return a.getKind() == b.getKind() && a.toString().equals(b.toString());
  }

  private static boolean isRead(ExpressionTree t) {
    if (t instanceof ArrayAccessTree a) {
      // w[i] * w[i]: an element read twice through names, with no effect in between.
      return isRead(a.getExpression()) && (isRead(a.getIndex()) || a.getIndex() instanceof LiteralTree);
    }
    return t instanceof IdentifierTree || t instanceof MemberSelectTree;
  }
}
