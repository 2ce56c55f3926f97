package io.nanguard.demo.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  private static String run(boolean inPlace, int total) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ProgressBar bar = new ProgressBar(out, "train", total, inPlace);
    for (int step = 1; step <= total; step++) {
      bar.update(step, 1.0 / step);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void plainModeWritesTheFirstStepAndEachTenthAsLinesWithoutCarriageReturns() {
    String text = run(false, 500);
    assertFalse(text.contains("\r"), text);
    List<String> lines = text.lines().toList();
    assertEquals(11, lines.size(), text);
    assertEquals("  train [..............................] 1/500 loss 1.000e+00", lines.get(0));
    assertEquals("  train [###...........................] 50/500 loss 2.000e-02", lines.get(1));
    assertEquals("  train [##############################] 500/500 loss 2.000e-03", lines.get(10));
  }

  @Test
  void inPlaceModeRedrawsOneLineWithCarriageReturns() {
    String text = run(true, 500);
    assertTrue(text.startsWith("\r  train ["), text);
    assertEquals(1, text.chars().filter(c -> c == '\n').count(), "one line, redrawn in place");
    assertEquals(31, text.chars().filter(c -> c == '\r').count(), "a redraw per filled slot");
    assertTrue(text.endsWith("] 500/500 loss 2.000e-03" + System.lineSeparator()), text);
  }
}
