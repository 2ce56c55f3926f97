package io.nanguard.check;

/**
 * Thrown by the checker at the first error (the default mode) or when a collecting scope closes
 * with errors; its message is the whole {@link Report}, one diagnostic line per finding.
 */
public final class NonFiniteException extends ArithmeticException {

  private static final long serialVersionUID = 1L;

  private final transient Report report;

  /** An exception whose message is the report. */
  public NonFiniteException(Report report) {
    super(report.toString());
    this.report = report;
  }

  /** Everything found up to the throw, first cause first. */
  public Report report() {
    return report;
  }
}
