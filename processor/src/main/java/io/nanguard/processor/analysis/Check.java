package io.nanguard.processor.analysis;

import io.nanguard.ops.Failure;
import io.nanguard.ops.FloatFormat;
import io.nanguard.ops.Hazard;
import io.nanguard.ops.OpSpec;
import io.nanguard.ops.Range;

/**
 * The verdict on one op whose input range reaches a singular point of the catalogue.
 *
 * @param hazard the kind reported
 * @param failure whether the value or only the gradient may stop being finite
 * @param input the range found for the checked operand
 * @param operand which operand was checked (0 for the argument of sqrt, 1 for a divisor)
 * @param guardMethod the guard method the generated code calls
 * @param row the catalogue row the guard applies, or null when the guard method alone says it
 *     ({@code divisor}, {@code pow})
 * @param safeForm the epsilon-safe form, as shown in messages
 * @param format the floating format the op computes in
 */
public record Check(Hazard hazard, Failure failure, Range input, int operand, String guardMethod, OpSpec row,
    String safeForm, FloatFormat format) {}
