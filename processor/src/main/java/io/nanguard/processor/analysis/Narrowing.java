package io.nanguard.processor.analysis;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import io.nanguard.ops.OpCatalog;
import io.nanguard.ops.api.ApiMethod;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The expressions a condition can narrow besides plain locals, each under a key in the
 * {@link Env}: a field ({@code this.f}), an array's length ({@code x.length}), and an absolute
 * value ({@code abs(x)}, from {@code Math.abs}, {@code StrictMath.abs} or {@code FastMath.abs}),
 * so that {@code if (x.length < 2) throw ...} and {@code if (Math.abs(d) < EPS) throw ...} reach
 * the code after them; and the difference of two such expressions ({@code hi - lo}), which a
 * comparison of the two ({@code lo < hi}) bounds, as does a comparison of the difference itself
 * or of its absolute value ({@code abs(y - x) <= eps}). Every key has roots, the variables whose
 * assignment ends what was learnt (a difference has two). Keys hold characters no Java name has,
 * so they never collide with a local's name.
 */
final class Narrowing {

  private static final String THIS = "this.";
  private static final String ABS = "abs(";
  private static final String MINUS = " - ";
  private static final String LENGTH = ".length";

  private Narrowing() {}

  /**
   * The key of {@code t}, or null if it is not narrowable; {@code isLocal} tells a local or
   * parameter from a field, and {@code absImported} whether a bare {@code abs(x)} is Math's.
   */
  static String keyOf(ExpressionTree t, Predicate<String> isLocal, boolean absImported) {
    while (t instanceof ParenthesizedTree || t instanceof AssignmentTree) {
      // (w = u - p) < 0 compares the value just stored in w
      t = t instanceof ParenthesizedTree p ? p.getExpression() : ((AssignmentTree) t).getVariable();
    }
    if (t instanceof IdentifierTree id) {
      String name = id.getName().toString();
      return isLocal.test(name) ? name : THIS + name;
    }
    if (t instanceof MemberSelectTree ms) {
      String member = ms.getIdentifier().toString();
      if (ms.getExpression() instanceof IdentifierTree id && id.getName().contentEquals("this")) {
        return THIS + member;
      }
      String base = member.equals("length") ? keyOf(ms.getExpression(), isLocal, absImported) : null;
      return base == null || base.startsWith(ABS) || base.contains(MINUS) ? null : base + LENGTH;
    }
    if (t instanceof MethodInvocationTree call && call.getArguments().size() == 1 && isAbs(call.getMethodSelect(), absImported)) {
      String inner = keyOf(call.getArguments().get(0), isLocal, absImported);
      return absolute(inner);
    }
    if (t instanceof BinaryTree b && b.getKind() == Tree.Kind.MINUS) {
      return difference(keyOf(b.getLeftOperand(), isLocal, absImported), keyOf(b.getRightOperand(), isLocal, absImported));
    }
    return null;
  }

  /** The key of {@code abs(k)}, or null where that is not a key (k null, or already an absolute value). */
  private static String absolute(String k) {
    return k == null || absoluteOf(k) != null ? null : ABS + k + ")";
  }

  /** Whether {@code select} names Math's abs (by its row in the Math table: the catalogue's ABS). */
  private static boolean isAbs(ExpressionTree select, boolean absImported) {
    if (select instanceof IdentifierTree id) {
      return absImported && isAbsRow(id.getName().toString());
    }
    return select instanceof MemberSelectTree ms && isAbsRow(ms.getIdentifier().toString())
        && Apis.installed().forStaticType(ms.getExpression().toString()) == Apis.scalars();
  }

  private static boolean isAbsRow(String method) {
    ApiMethod m = Apis.scalars().staticMethod(method, 1);
    return m != null && m.op() == OpCatalog.ABS;
  }

  /** The key of a field read as {@code f} or {@code this.f}. */
  static String fieldKey(String name) {
    return THIS + name;
  }

  /** The key of {@code a - b} for the keys of a and b (null if either is null). */
  static String difference(String a, String b) {
    return a == null || b == null || a.contains(MINUS) || b.contains(MINUS) ? null : a + MINUS + b;
  }

  /** For {@code abs(k)}, the key k; else null ({@code abs(x) - y} is a difference, not an absolute value). */
  static String absoluteOf(String key) {
    return key.startsWith(ABS) && topLevelMinus(key) < 0 ? key.substring(ABS.length(), key.length() - 1) : null;
  }

  /** For the difference {@code a - b}, its sides' keys {a, b}; else null. */
  static String[] sides(String key) {
    int minus = topLevelMinus(key);
    return minus < 0 ? null : new String[] {key.substring(0, minus), key.substring(minus + MINUS.length())};
  }

  /** Where the difference's " - " is, outside any absolute value's parentheses; -1 if none. */
  private static int topLevelMinus(String key) {
    int depth = 0;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (depth == 0 && key.startsWith(MINUS, i)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The key {@code key} becomes when each variable it is about is replaced by the key
   * {@code rename} gives for it (a callee's parameter by the caller's argument), or null if some
   * variable has none or the result is not a key ({@code abs} of an absolute value, the length of
   * something other than a variable).
   */
  static String substitute(String key, Function<String, String> rename) {
    String[] sides = sides(key);
    if (sides != null) {
      return difference(substitute(sides[0], rename), substitute(sides[1], rename));
    }
    String inner = absoluteOf(key);
    if (inner != null) {
      return absolute(substitute(inner, rename));
    }
    if (key.endsWith(LENGTH)) {
      String base = rename.apply(key.substring(0, key.length() - LENGTH.length()));
      boolean variable = base != null && (!isKey(base) || (isField(base) && base.indexOf('.', THIS.length()) < 0));
      return variable ? base + LENGTH : null;
    }
    return rename.apply(key);
  }

  /** The variables whose assignment ends what is known under {@code key}. */
  static List<String> roots(String key) {
    String[] sides = sides(key);
    if (sides != null) {
      return List.of(root(sides[0]), root(sides[1]));
    }
    String inner = absoluteOf(key);
    return inner != null ? roots(inner) : List.of(root(key));
  }

  private static String root(String key) {
    String k = key.startsWith(ABS) ? key.substring(ABS.length(), key.length() - 1) : key;
    int from = k.startsWith(THIS) ? THIS.length() : 0;
    int dot = k.indexOf('.', from);
    return dot < 0 ? k : k.substring(0, dot);
  }

  /** Whether {@code key} is a key of this class rather than a local's name. */
  static boolean isKey(String key) {
    return key.indexOf('.') >= 0 || key.indexOf('(') >= 0 || key.contains(MINUS);
  }

  /** The name of the field whose root is {@code root} ({@code n} for {@code this.n}). */
  static String fieldName(String root) {
    return root.substring(THIS.length());
  }

  /** Whether a root is a field (which a call may assign). */
  static boolean isField(String root) {
    return root.startsWith(THIS);
  }
}
