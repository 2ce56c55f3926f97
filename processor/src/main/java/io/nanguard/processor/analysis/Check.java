package io.nanguard.processor.analysis;

import io.nanguard.ops.EngineOp;
import io.nanguard.ops.Failure;
import io.nanguard.ops.FloatFormat;
import io.nanguard.ops.Hazard;
import io.nanguard.ops.Range;
import java.util.function.Supplier;

/**
 * The verdict on one op whose input range reaches a singular point of the catalogue.
 *
 * @param hazard the kind reported
 * @param failure whether the value or only the gradient may stop being finite
 * @param input the range found for the checked operand
 * @param operand which operand was checked (0 for the argument of sqrt, 1 for a divisor)
 * @param shownAs how messages name the op applied to that operand ({@code "sqrt of"},
 *     {@code "division by"})
 * @param guardMethod the guard method the generated code calls
 * @param guardsOperand whether the guard wraps the checked operand alone, the op staying as
 *     written (a divisor), rather than replacing the whole op
 * @param row the catalogue row (unary or binary) the guard applies
 * @param safeFormText the epsilon-safe form, as shown in messages, written out when a message is:
 *     most checks (those of a loop's earlier passes, those a composition absorbs) are never reported
 * @param format the floating format the op computes in
 */
public record Check(Hazard hazard, Failure failure, Range input, int operand, String shownAs, String guardMethod,
    boolean guardsOperand, EngineOp row, Supplier<String> safeFormText, FloatFormat format) {

  /** The epsilon-safe form, as shown in messages. */
  public String safeForm() {
    return safeFormText.get();
  }
}
