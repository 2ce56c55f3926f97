package io.nanguard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the demo's acts and checks each fact of the story against the demo's own source. */
class DemoTest {

  @Test
  void theStoryHolds(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    DemoResult r = new Demo(new PrintStream(buffer, true, StandardCharsets.UTF_8), dir).run();
    String printed = buffer.toString(StandardCharsets.UTF_8);

    List<Integer> sqrtLines = r.sqrtLines();
    assertEquals(2, sqrtLines.size(), "LatentLoss.java has the d1 and d2 lines");
    assertEquals(Set.copyOf(sqrtLines), r.runTimeWarningLines(), printed);
    assertEquals(Set.of(0, 7), r.runTimeWarningRows(), printed);
    assertTrue(r.nanGradientBlamed(), printed);
    assertTrue(r.weightsUntouched(), "the failed step must not touch the weights");
    assertTrue(r.epsOnLossStillFails(), printed);
    assertEquals(sqrtLines, r.compileWarningLines(), printed);
    assertTrue(r.finalLoss() < 1e-3, "final guarded loss " + r.finalLoss());
    assertEquals(0, r.trainingFindings(), printed);
    assertTrue(r.finalSpan() > r.initialSpan() / 2, "no collapse: " + r.finalSpan() + " vs " + r.initialSpan());
    assertTrue(r.trainingFinite());
    assertEquals(List.of(0, 7), r.nanGradientRows());
    assertTrue(r.guardedGradientFinite());
    assertTrue(Files.readString(r.picture()).startsWith("<svg"));
    assertTrue(r.holds(), r.failures().toString());
    for (int line : sqrtLines) {
      assertTrue(printed.contains("LatentLoss.java:" + line + ": warning: [nanguard:sqrt]"), printed);
    }
  }
}
