package io.nanguard.check;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What one {@link Anomaly} scope found, in the order it was found, so the first cause comes
 * first: a warning on the sqrt whose input is 0 precedes the error its gradient later becomes.
 */
public final class Report {

  private final List<Finding> findings;
  private final int omitted;

  /**
   * @param findings the findings, first cause first
   * @param omitted how many further findings were dropped after
   *     {@link AnomalyOptions#maxFindings()} was reached
   */
  public Report(List<Finding> findings, int omitted) {
    this.findings = List.copyOf(findings);
    this.omitted = omitted;
  }

  /** Every finding, first cause first. */
  public List<Finding> findings() {
    return findings;
  }

  /** The findings of one severity, in order. */
  public List<Finding> findings(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).collect(Collectors.toList());
  }

  /** The findings of one kind, in order. */
  public List<Finding> findings(FindingKind kind) {
    return findings.stream().filter(f -> f.kind() == kind).collect(Collectors.toList());
  }

  /** How many findings were dropped after the limit was reached. */
  public int omitted() {
    return omitted;
  }

  /** Whether any finding is an {@link Severity#ERROR}. */
  public boolean hasErrors() {
    return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
  }

  /** Whether nothing was found. */
  public boolean isEmpty() {
    return findings.isEmpty() && omitted == 0;
  }

  /**
   * One line per finding as a compiler prints diagnostics
   * ({@code Loss.java:12: error: [nanguard:sqrt] ...}), then a count line.
   */
  @Override
  public String toString() {
    if (isEmpty()) {
      return "nanguard: no findings";
    }
    StringBuilder sb = new StringBuilder();
    for (Finding f : findings) {
      sb.append(f).append('\n');
    }
    if (omitted > 0) {
      sb.append("... ").append(omitted).append(" more findings omitted\n");
    }
    int errors = findings(Severity.ERROR).size();
    int warnings = findings.size() - errors;
    sb.append(plural(errors, "error")).append(", ").append(plural(warnings, "warning"));
    return sb.toString();
  }

  /** The report as a JSON object: {@code {"findings": [...], "errors": n, "warnings": n, "omitted": n}}. */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{\"findings\":[");
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      sb.append(i == 0 ? "" : ",").append('{');
      field(sb, "kind", f.kind().name()).append(',');
      field(sb, "severity", f.severity().label()).append(',');
      field(sb, "op", f.op()).append(',');
      field(sb, "file", f.site().file()).append(',');
      sb.append("\"line\":").append(f.site().line()).append(',');
      field(sb, "method", f.site().method()).append(',');
      field(sb, "message", f.message()).append(',');
      sb.append("\"shape\":").append(array(f.shape())).append(',');
      sb.append("\"indices\":").append(array(f.indices())).append(',');
      sb.append("\"rows\":").append(array(f.rows())).append(',');
      sb.append("\"count\":").append(f.count()).append('}');
    }
    int errors = findings(Severity.ERROR).size();
    return sb.append("],\"errors\":").append(errors)
        .append(",\"warnings\":").append(findings.size() - errors)
        .append(",\"omitted\":").append(omitted).append('}').toString();
  }

  private static StringBuilder field(StringBuilder sb, String name, String value) {
    return sb.append('"').append(name).append("\":\"").append(escape(value)).append('"');
  }

  private static String array(List<Integer> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
