package io.nanguard.demo.plot;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A text progress bar for training loops. On a terminal it is one line redrawn in place with a
 * carriage return; elsewhere (a CI log, a file, a pipe) a carriage return would leave every
 * redraw in the log, so it prints a plain line at every tenth of the way instead.
 */
public final class ProgressBar {

  private static final int WIDTH = 30;
  private static final int PLAIN_LINES = 10;

  private final PrintStream out;
  private final String label;
  private final int total;
  private final boolean inPlace;
  private int lastDrawn = -1;

  /** A bar that redraws in place if {@code inPlace}, else prints plain lines. */
  public ProgressBar(PrintStream out, String label, int total, boolean inPlace) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.inPlace = inPlace;
  }

  /** A bar that redraws in place only when the JVM has a console (an interactive terminal). */
  public static ProgressBar forConsole(PrintStream out, String label, int total) {
    return new ProgressBar(out, label, total, System.console() != null);
  }

  /** Shows step (1-based) of total with the current loss; draws at most ~WIDTH (or 10) times. */
  public void update(int step, double loss) {
    int slots = inPlace ? WIDTH : PLAIN_LINES;
    int reached = (int) ((long) slots * step / total);
    if (reached == lastDrawn && step != total) {
      return;
    }
    lastDrawn = reached;
    int filled = (int) ((long) WIDTH * step / total);
    String line = String.format(Locale.ROOT, "  %s [%s%s] %d/%d loss %.3e", label, "#".repeat(filled),
        ".".repeat(WIDTH - filled), step, total, loss);
    if (inPlace) {
      out.print("\r" + line);
      if (step == total) {
        out.println();
      }
    } else {
      out.println(line);
    }
    out.flush();
  }
}
