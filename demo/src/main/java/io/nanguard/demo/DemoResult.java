package io.nanguard.demo;

import io.nanguard.check.Finding;
import io.nanguard.check.FindingKind;
import io.nanguard.check.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The facts the demo establishes, each checked against what the story claims: the lines of the
 * two hand-written sqrt calls in {@code LatentLoss.java}, the rows 0 and n-1, finite training,
 * the loss threshold, no collapse.
 *
 * @param sqrtLines the lines of d1 and d2 in LatentLoss.java (read from the source)
 * @param runTimeWarningLines lines of the run-time sqrt warnings
 * @param runTimeWarningRows rows named by those warnings
 * @param nanGradientBlamed whether an error names a non-finite gradient at a sqrt line
 * @param weightsUntouched whether the failed step left the weights unchanged
 * @param epsOnLossStillFails whether eps added to the loss still gave an error
 * @param compileWarningLines lines of the compile-time [nanguard:sqrt] warnings
 * @param finalLoss the guarded loss after training
 * @param trainingFindings checker findings during guarded training
 * @param initialSpan |code 0 - code n-1| before training
 * @param finalSpan the same after training
 * @param trainingFinite whether every guarded loss was finite
 * @param nanGradientRows rows of the unguarded gradient holding non-finite values
 * @param guardedGradientFinite whether the guarded gradient is all finite
 * @param picture the SVG written
 */
public record DemoResult(
    List<Integer> sqrtLines,
    Set<Integer> runTimeWarningLines,
    Set<Integer> runTimeWarningRows,
    boolean nanGradientBlamed,
    boolean weightsUntouched,
    boolean epsOnLossStillFails,
    List<Integer> compileWarningLines,
    double finalLoss,
    int trainingFindings,
    double initialSpan,
    double finalSpan,
    boolean trainingFinite,
    List<Integer> nanGradientRows,
    boolean guardedGradientFinite,
    Path picture) {

  /** The rows the story says go bad: the two ends of the segment. */
  static final List<Integer> END_ROWS = List.of(0, Demo.CODES - 1);

  /** What does not hold, in words; empty when the story holds. */
  public List<String> failures() {
    List<String> f = new ArrayList<>();
    expect(f, runTimeWarningLines.equals(new TreeSet<>(sqrtLines)),
        "run-time sqrt warnings at lines " + runTimeWarningLines + ", expected " + sqrtLines);
    expect(f, runTimeWarningRows.equals(new TreeSet<>(END_ROWS)),
        "run-time warnings name rows " + runTimeWarningRows + ", expected " + END_ROWS);
    expect(f, nanGradientBlamed, "no error blames the NaN gradient on a sqrt line");
    expect(f, weightsUntouched, "the failed step modified the weights");
    expect(f, epsOnLossStillFails, "eps added to the loss did not fail");
    expect(f, compileWarningLines.equals(sqrtLines),
        "compile-time sqrt warnings at lines " + compileWarningLines + ", expected " + sqrtLines);
    expect(f, finalLoss < 1e-3, "guarded loss " + finalLoss + " not below 1e-3");
    expect(f, trainingFindings == 0, trainingFindings + " findings during guarded training");
    expect(f, finalSpan > initialSpan / 2, "codes 0 and n-1 collapsed: " + finalSpan + " of " + initialSpan);
    expect(f, trainingFinite, "a guarded loss was not finite");
    expect(f, nanGradientRows.equals(END_ROWS), "unguarded NaN gradient rows " + nanGradientRows);
    expect(f, guardedGradientFinite, "the guarded gradient is not finite");
    expect(f, Files.isRegularFile(picture), "no picture at " + picture);
    return f;
  }

  public boolean holds() {
    return failures().isEmpty();
  }

  private static void expect(List<String> failures, boolean fact, String otherwise) {
    if (!fact) {
      failures.add(otherwise);
    }
  }

  /** Collects the facts act by act. */
  static final class Builder {
    private Report unguarded;
    private boolean weightsUntouched;
    private boolean epsOnLossStillFails;
    private List<String> compileWarnings = List.of();
    private double finalLoss = Double.NaN;
    private int trainingFindings = -1;
    private double initialSpan;
    private double finalSpan;
    private boolean trainingFinite;
    private List<Integer> nanGradientRows = List.of();
    private boolean guardedGradientFinite;
    private Path picture = Path.of("");

    void unguardedReport(Report r) {
      unguarded = r;
    }

    void weightsUntouched(boolean untouched) {
      weightsUntouched = untouched;
    }

    void epsOnLossStillFails(boolean fails) {
      epsOnLossStillFails = fails;
    }

    void compileWarnings(List<String> warnings) {
      compileWarnings = warnings;
    }

    void guardedTraining(double loss, int findings, double spanBefore, double spanAfter, boolean finite) {
      finalLoss = loss;
      trainingFindings = findings;
      initialSpan = spanBefore;
      finalSpan = spanAfter;
      trainingFinite = finite;
    }

    void gradientTables(List<Integer> nanRows, boolean guardedFinite) {
      nanGradientRows = nanRows;
      guardedGradientFinite = guardedFinite;
    }

    void picture(Path svg) {
      picture = svg;
    }

    DemoResult build() {
      List<Integer> sqrtLines = linesOf(CompileTimeWarnings.source("LatentLoss.java"), "Tensor d1 =", "Tensor d2 =");
      Set<Integer> warnLines = new TreeSet<>();
      Set<Integer> warnRows = new TreeSet<>();
      boolean blamed = false;
      for (Finding f : unguarded.findings()) {
        boolean inLoss = f.site().file().equals("LatentLoss.java");
        if (f.kind() == FindingKind.UNSAFE_INPUT && f.op().equals("sqrt") && inLoss) {
          warnLines.add(f.site().line());
          warnRows.addAll(f.rows());
        }
        blamed |= f.kind() == FindingKind.NON_FINITE_GRADIENT && inLoss && sqrtLines.contains(f.site().line());
      }
      List<Integer> compileLines = new ArrayList<>();
      for (String w : compileWarnings) {
        if (w.contains("[nanguard:sqrt]")) {
          compileLines.add(Integer.parseInt(w.split(":")[1]));
        }
      }
      return new DemoResult(sqrtLines, warnLines, warnRows, blamed, weightsUntouched, epsOnLossStillFails,
          compileLines, finalLoss, trainingFindings, initialSpan, finalSpan, trainingFinite, nanGradientRows,
          guardedGradientFinite, picture);
    }

    private static List<Integer> linesOf(String source, String... markers) {
      List<Integer> lines = new ArrayList<>();
      String[] all = source.split("\n", -1);
      for (String marker : markers) {
        for (int i = 0; i < all.length; i++) {
          if (all[i].contains(marker)) {
            lines.add(i + 1);
          }
        }
      }
      return lines;
    }
  }
}
