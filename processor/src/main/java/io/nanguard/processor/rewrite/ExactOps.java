package io.nanguard.processor.rewrite;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import io.nanguard.processor.analysis.BodyPaths;
import io.nanguard.processor.analysis.Finding;
import java.util.List;
import java.util.Locale;
import io.nanguard.processor.analysis.Apis;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Checks, with exact types ({@link Resolution}: the source where it proves the answer, javac's
 * attribution otherwise), that an op the analysis found is the op its {@code Guard} call
 * replaces: a division is a floating-point one (an {@code int} or {@code long} division would
 * silently become a floating one), and every call the rewrite replaces is a method of
 * a library NaNGuard has a table for ({@code java.lang.Math}, {@code Tensor}, a provider's; not a user's class
 * called {@code Math}, a static import that hides {@code Math.log}, an enclosing class's own
 * {@code sqrt}, or another library's tensor). The analysis reads bodies before javac attributes
 * them, so its typing is a guess where this class is exact; an op that fails is left as written.
 */
final class ExactOps {

  private final Resolution resolution;
  private final BodyPaths paths;
  private final Types types;

  ExactOps(Resolution resolution, BodyPaths paths, Types types) {
    this.resolution = resolution;
    this.paths = paths;
    this.types = types;
  }

  /** Why the finding's rewrite would change what the program computes, or null if it would not. */
  String refusal(Finding finding) {
    Tree op = finding.op();
    TypeKind division = divisionKind(op);
    if (division == TypeKind.ERROR) {
      return "the operand types of '" + op + "' are not known exactly";
    }
    if (division != null) {
      return division == TypeKind.DOUBLE || division == TypeKind.FLOAT ? null
          : "'" + op + "' is a " + division.name().toLowerCase(Locale.ROOT)
              + " division (it truncates and throws at 0 rather than giving inf or NaN)";
    }
    if (finding.fix().target() != op && op instanceof MethodInvocationTree call) {
      return foreign(call); // a divisor guard of a library's div: the op stays, its type must be the library's
    }
    List<? extends Tree> args = finding.fix().args();
    String[] refused = new String[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree t, Void unused) {
        if (t == null || refused[0] != null || args.stream().anyMatch(a -> a == t)) {
          return null; // an argument is copied as written: only the calls the rewrite replaces matter
        }
        return super.scan(t, unused);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        refused[0] = foreign(call);
        return refused[0] != null ? null : super.visitMethodInvocation(call, unused);
      }
    }.scan(finding.fix().target(), null);
    return refused[0];
  }

  /** Why {@code call} is not a method of a library NaNGuard knows, or null if it is one. */
  private String foreign(MethodInvocationTree call) {
    TypeElement owner = resolution.owner(path(call));
    if (owner != null && known(owner.getQualifiedName().toString())) {
      return null;
    }
    return "'" + call.getMethodSelect() + "' is a method of "
        + (owner == null ? "an unknown type" : owner.getQualifiedName())
        + ", not of a library NaNGuard knows (java.lang.Math, io.nanguard.tensor.Tensor, a provider's)";
  }

  /** Whether a library table describes the type's methods. */
  private static boolean known(String qualifiedName) {
    return Apis.installed().all().stream()
        .anyMatch(t -> t.isInstanceType(qualifiedName) || t.isStaticType(qualifiedName));
  }

  /**
   * Whether a guard of the divisor of {@code op} must be narrowed back to float: the division
   * is a float one, so a double-valued divisor would turn it into a double one.
   */
  boolean isFloatDivision(Tree op) {
    return divisionKind(op) == TypeKind.FLOAT;
  }

  /** The promoted type of a division (JLS 5.6.2), null if {@code op} is none. */
  private TypeKind divisionKind(Tree op) {
    ExpressionTree left;
    ExpressionTree right;
    if (op instanceof BinaryTree b && op.getKind() == Tree.Kind.DIVIDE) {
      left = b.getLeftOperand();
      right = b.getRightOperand();
    } else if (op instanceof CompoundAssignmentTree c && op.getKind() == Tree.Kind.DIVIDE_ASSIGNMENT) {
      left = c.getVariable();
      right = c.getExpression();
    } else {
      return null;
    }
    TypeKind promoted = NumericPromotion.promote(NumericPromotion.kindOf(types, resolution.type(path(left))),
        NumericPromotion.kindOf(types, resolution.type(path(right))));
    return promoted == null ? TypeKind.ERROR : promoted;
  }

  private TreePath path(Tree t) {
    TreePath p = paths.of(t);
    if (p == null) {
      throw new Unresolvable(); // not in this body: only javac can say
    }
    return p;
  }
}
