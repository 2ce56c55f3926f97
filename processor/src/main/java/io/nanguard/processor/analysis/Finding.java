package io.nanguard.processor.analysis;

import com.sun.source.tree.Tree;
import io.nanguard.ops.Failure;
import io.nanguard.ops.Hazard;
import io.nanguard.ops.Range;
import java.util.function.Supplier;

/**
 * One op the range analysis could not prove safe: what the diagnostics report and what the
 * rewriter replaces.
 *
 * @param op the op's own tree (where the warning is placed, line and column)
 * @param hazard the kind, as in {@code [nanguard:sqrt]}
 * @param failure whether the value or only the gradient may fail; null for stability findings
 * @param range the range found for the op's hazard input (TOP when nothing is known)
 * @param messageText the diagnostic text after the {@code [nanguard:KIND]} prefix, built when asked: a
 *     finding of a loop is replaced at each pass, and only one of the two texts is ever reported
 * @param leftAsWrittenText the text instead when the generated class leaves the op as written
 *     (its guard class has no applicable method, or its type is not exactly known): the
 *     warning must not claim a rewrite that is not there; in scan mode, the same as {@code message}
 * @param fix the rewrite the generated code applies
 */
public record Finding(Tree op, Hazard hazard, Failure failure, Range range, Supplier<String> messageText,
    Supplier<String> leftAsWrittenText, Fix fix) {

  /** The diagnostic text after the {@code [nanguard:KIND]} prefix. */
  public String message() {
    return messageText.get();
  }

  /** The text instead when the generated class leaves the op as written. */
  public String leftAsWrittenMessage() {
    return leftAsWrittenText.get();
  }
}
