package io.nanguard.processor.analysis;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import io.nanguard.ops.EngineOp;
import java.util.List;

/**
 * How the generated code makes one unsafe op safe: the source of {@code target} is replaced by
 * {@code <guardClass>.<guardMethod>(<args...>, eps, "File.java:line")}, the guard class being that
 * of the op's library ({@code io.nanguard.guard.Guard} for {@code Tensor} and Java's numbers).
 *
 * <p>For a catalogue row the target is the whole op and the args are its operands (sqrt's x;
 * pow's x and p; atan2's a and b), except for a row whose guard wraps one operand alone (a
 * division: the target is the divisor, {@code guardMethod = "divisor"}); for the stability rewrites the target is the whole
 * composition and the args are its parts (e.g. {@code log(sum(exp(x), d))} →
 * {@code logSumExp(x, d)}).
 *
 * @param target the expression whose source text is replaced
 * @param guardClass the qualified name of the guard class ({@code ApiTable#guardClass()})
 * @param guardMethod the name of the guard method to call
 * @param row the catalogue row guarded (unary or binary), or null: when the guard class has no
 *     method named after the row, its generic {@code unary(row, x, eps, site)} or
 *     {@code binary(row, a, b, eps, site)} is called with the row's constant
 * @param args the expressions passed before eps and the site, in order
 * @param clampIdle the analysis proved the row's clamp never moves the operand (sqrt of a sum of
 *     squares: {@code max(x, 0) == x}); a guard class with a {@code <guardMethod>NonNegative}
 *     form, which skips the clamp, is then called through it (one device op fewer on NDArray)
 */
public record Fix(Tree target, String guardClass, String guardMethod, EngineOp row, List<ExpressionTree> args,
    boolean clampIdle) {

  /** The suffix of a guard method that skips the clamp for operands proven to be in its domain. */
  public static final String NON_NEGATIVE = "NonNegative";
}
