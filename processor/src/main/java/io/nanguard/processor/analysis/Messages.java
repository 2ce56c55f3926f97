package io.nanguard.processor.analysis;

import io.nanguard.ops.Failure;
import io.nanguard.ops.FloatFormat;
import io.nanguard.ops.api.ApiMethod;
import java.util.Locale;

/** The text of the diagnostics, after the {@code [nanguard:KIND]} prefix the processor adds. */
final class Messages {

  private Messages() {}

  /** For an op whose input range reaches a singular point. */
  static String range(ApiMethod op, Check check) {
    String what = check.operand() == 1 ? "division by a value" : op.displayName() + " of a value";
    String kind = check.failure() == Failure.FORWARD
        ? "the value itself may be non-finite (forward failure)"
        : "the value is finite but the gradient may be infinite, which backward turns into NaN (gradient-only failure)";
    String format = check.format() == FloatFormat.FLOAT64 ? ""
        : " (" + check.format().name().toLowerCase(Locale.ROOT) + ")";
    return what + " in " + check.input() + format + ": " + kind + "; the guarded code uses " + check.safeForm();
  }

  /** For an unstable composition. */
  static String stability(Compositions.Composition c, Check check) {
    return c.shape() + " " + c.problem() + " (input range " + check.input() + "); the guarded code uses "
        + c.safeForm();
  }
}
