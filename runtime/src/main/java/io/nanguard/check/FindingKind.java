package io.nanguard.check;

/** What a {@link Finding} is about; each kind has one fixed {@link Severity}. */
public enum FindingKind {
  /**
   * An op's input is at one of its singular points (sqrt at 0 while a gradient flows, log at or
   * below 0, division by 0, acos/asin at or beyond &plusmn;1, exp overflowing): reported before
   * any NaN exists.
   */
  UNSAFE_INPUT(Severity.WARNING),
  /** An op computed a non-finite value from finite inputs. */
  NON_FINITE_FORWARD(Severity.ERROR),
  /** An op's backward rule produced a non-finite gradient from a finite upstream gradient. */
  NON_FINITE_GRADIENT(Severity.ERROR),
  /** A leaf tensor (input data or parameter) holds non-finite values. */
  NON_FINITE_INPUT(Severity.ERROR),
  /** A parameter's gradient norm is above the threshold, or grew too fast since the last step. */
  EXPLODING_GRADIENT(Severity.WARNING);

  private final Severity severity;

  FindingKind(Severity severity) {
    this.severity = severity;
  }

  /** The severity every finding of this kind has. */
  public Severity severity() {
    return severity;
  }
}
