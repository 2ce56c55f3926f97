package io.nanguard.demo.plot;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line text progress bar for training loops, redrawn in place with a carriage return. */
public final class ProgressBar {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final String label;
  private final int total;
  private int lastDrawn = -1;

  public ProgressBar(PrintStream out, String label, int total) {
    this.out = out;
    this.label = label;
    this.total = total;
  }

  /** Shows step (1-based) of total with the current loss; redraws at most ~WIDTH times. */
  public void update(int step, double loss) {
    int filled = (int) ((long) WIDTH * step / total);
    if (filled == lastDrawn && step != total) {
      return;
    }
    lastDrawn = filled;
    out.print(String.format(Locale.ROOT, "\r  %s [%s%s] %d/%d loss %.3e", label, "#".repeat(filled),
        ".".repeat(WIDTH - filled), step, total, loss));
    if (step == total) {
      out.println();
    }
    out.flush();
  }
}
