package io.nanguard.check;

import java.util.Locale;

/** How serious a {@link Finding} is: a value already went bad, or one is about to. */
public enum Severity {
  /** Unsafe use that has not produced a non-finite number yet (sqrt at 0 while a gradient flows). */
  WARNING,
  /** A non-finite value or gradient exists. */
  ERROR;

  /** The word compiler diagnostics use: {@code warning} or {@code error}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
