package io.nanguard.processor.analysis;

import com.sun.source.tree.Tree;
import io.nanguard.ops.Failure;
import io.nanguard.ops.FloatFormat;
import java.util.Locale;

/**
 * The text of the diagnostics, after the {@code [nanguard:KIND]} prefix the processor adds. A
 * message quotes the operand, so that several warnings on one line tell which op each is about,
 * and ends with what to do: in a guarded method, the rewrite the generated class uses; in scan
 * mode, where nothing is generated, the fix to write; for an op of a guarded method that the
 * generated class leaves as written (a note says why), that it is left and the fix to write.
 */
final class Messages {

  /** Longer operands are cut: the column already points at the op. */
  private static final int MAX_QUOTE = 48;

  private Messages() {}

  /**
   * How a message ends. A guarded method's findings carry both endings: which one is reported is
   * known only once the generated class is written.
   */
  enum Remedy {
    /** The generated class applies the safe form. */
    GUARDED,
    /** Nothing is generated (scan mode): the fix to write. */
    SCAN,
    /** The generated class leaves the op as written: the fix to write by hand. */
    LEFT_AS_WRITTEN;

    static Remedy of(AnalysisMode mode) {
      return mode == AnalysisMode.GUARDED ? GUARDED : SCAN;
    }
  }

  /** For an op whose input range reaches a singular point; {@code operand} is the checked operand. */
  static String range(Check check, Tree operand, Remedy remedy) {
    String what = check.shownAs() + " " + quote(operand);
    String kind = check.failure() == Failure.FORWARD
        ? "the value itself may be non-finite (forward failure)"
        : "the value is finite but the gradient may be infinite, which backward turns into NaN (gradient-only failure)";
    String format = check.format() == FloatFormat.FLOAT64 ? ""
        : " (" + check.format().name().toLowerCase(Locale.ROOT) + ")";
    return what + " in " + check.input() + format + ": " + kind + "; " + remedy(check.safeForm(), remedy);
  }

  /** For an unstable composition. */
  static String stability(Compositions.Composition c, Check check, Remedy remedy) {
    return c.shape() + " " + c.problem().apply(check.format()) + " (input range " + check.input() + "); "
        + remedy(c.safeForm(), remedy);
  }

  /**
   * For a composition written over statements whose stable form cannot be put in place (an
   * operand is reassigned in between): the clamp the generated code uses keeps the value finite
   * but not right, so the message names the op to call.
   */
  static String splitComposition(String rangeMessage, Compositions.Composition c, FloatFormat format) {
    return rangeMessage + " (this is " + c.shape() + " written over several statements, which "
        + c.problem().apply(format)
        + "; a clamp keeps it finite but wrong there: call " + c.safeForm() + " instead)";
  }

  private static String remedy(String safeForm, Remedy remedy) {
    return switch (remedy) {
      case GUARDED -> "the guarded code uses " + safeForm;
      case SCAN -> "fix: use " + safeForm + ", or mark the method @Guarded to have it generated";
      case LEFT_AS_WRITTEN -> "the generated class leaves this op as written (a note says why); fix: use " + safeForm;
    };
  }

  private static String quote(Tree operand) {
    if (operand == null) {
      return "a value";
    }
    String text = BoundedText.of(operand, MAX_QUOTE + 1);
    if (text.length() > MAX_QUOTE) {
      text = text.substring(0, MAX_QUOTE - 3) + "...";
    }
    return "'" + text + "', a value";
  }
}
