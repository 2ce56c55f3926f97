package io.nanguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The diagnostic and JSON forms of a report. */
class ReportTest {

  private static final Finding WARNING = new Finding(FindingKind.UNSAFE_INPUT, Severity.WARNING, "sqrt",
      new Site("Loss.java", 12, "loss"), "sqrt input is 0.0 at [0]", List.of(8), List.of(0), List.of(0), 1);
  private static final Finding ERROR = new Finding(FindingKind.NON_FINITE_GRADIENT, Severity.ERROR, "grad",
      new Site("Train.java", 40, "step"), "say \"hi\"\n\tback\\slash", List.of(8, 4), List.of(0, 1, 28),
      List.of(0, 7), 3);

  @Test
  void toStringReadsLikeCompilerDiagnosticsFirstCauseFirst() {
    Report r = new Report(List.of(WARNING, ERROR), 0);
    assertEquals(String.join("\n",
        "Loss.java:12: warning: [nanguard:sqrt] sqrt input is 0.0 at [0]",
        "Train.java:40: error: [nanguard:grad] say \"hi\"\n\tback\\slash",
        "1 error, 1 warning"), r.toString());
    assertTrue(r.hasErrors());
    assertEquals(List.of(ERROR), r.findings(Severity.ERROR));
    assertEquals(List.of(WARNING), r.findings(FindingKind.UNSAFE_INPUT));
  }

  @Test
  void omittedFindingsAreCounted() {
    Report r = new Report(List.of(WARNING), 3);
    assertTrue(r.toString().contains("... 3 more findings omitted\n0 errors, 1 warning"), r.toString());
    assertFalse(r.hasErrors());
    assertFalse(r.isEmpty());
  }

  @Test
  void emptyReport() {
    Report r = new Report(List.of(), 0);
    assertTrue(r.isEmpty());
    assertEquals("nanguard: no findings", r.toString());
    assertEquals("{\"findings\":[],\"errors\":0,\"warnings\":0,\"omitted\":0}", r.toJson());
  }

  @Test
  void toJsonIsCompleteAndEscaped() {
    assertEquals("{\"findings\":["
        + "{\"kind\":\"UNSAFE_INPUT\",\"severity\":\"warning\",\"op\":\"sqrt\",\"file\":\"Loss.java\",\"line\":12,"
        + "\"method\":\"loss\",\"message\":\"sqrt input is 0.0 at [0]\",\"shape\":[8],\"indices\":[0],\"rows\":[0],"
        + "\"count\":1},"
        + "{\"kind\":\"NON_FINITE_GRADIENT\",\"severity\":\"error\",\"op\":\"grad\",\"file\":\"Train.java\",\"line\":40,"
        + "\"method\":\"step\",\"message\":\"say \\\"hi\\\"\\n\\tback\\\\slash\",\"shape\":[8,4],\"indices\":[0,1,28],"
        + "\"rows\":[0,7],\"count\":3}"
        + "],\"errors\":1,\"warnings\":1,\"omitted\":0}", new Report(List.of(WARNING, ERROR), 0).toJson());
  }

  @Test
  void controlCharactersAreEscapedAsUnicode() {
    assertEquals("a\\u0001b", Report.escape("a\u0001b"));
  }
}
