package io.nanguard.demo;

import io.nanguard.check.Anomaly;
import io.nanguard.check.AnomalyOptions;
import io.nanguard.check.GradientReport;
import io.nanguard.check.NonFiniteException;
import io.nanguard.check.Report;
import io.nanguard.demo.plot.Pca;
import io.nanguard.demo.plot.ProgressBar;
import io.nanguard.demo.plot.SvgPlot;
import io.nanguard.nn.Embedding;
import io.nanguard.optim.Sgd;
import io.nanguard.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The motivating case end to end, in three acts: the NaN caught at run time before it reaches
 * the parameters, the same loss caught at compile time and fixed by the generated guarded class,
 * and the gradients and codes before and after, drawn to an SVG.
 *
 * <p>Exits with 0 when every fact of the story holds, 1 otherwise.
 */
public final class Demo {

  static final int CODES = 8;
  static final int DIM = 4;
  static final int STEPS = 500;
  static final double LR = 0.2;
  static final long SEED = 7;

  private final PrintStream out;
  private final Path outputDir;

  public Demo(PrintStream out, Path outputDir) {
    this.out = out;
    this.outputDir = outputDir;
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target");
    DemoResult result = new Demo(System.out, dir).run();
    System.out.println();
    System.out.println(result.holds() ? "The story holds." : "The story does NOT hold: " + result.failures());
    System.exit(result.holds() ? 0 : 1);
  }

  /** Runs the three acts and returns the facts they established. */
  public DemoResult run() throws IOException {
    DemoResult.Builder facts = new DemoResult.Builder();
    int[] all = new int[CODES];
    Arrays.setAll(all, i -> i);

    out.println("NaNGuard demo: " + CODES + " latent codes of size " + DIM
        + "; every code should lie on the segment between code 0 and code " + (CODES - 1) + ".");
    out.println();
    out.println("=== Act 1: the unguarded loss, trained under Anomaly ===");
    LatentLoss plain = new LatentLoss();
    CheckedStep first = oneCheckedStep(plain::segment, all);
    Report unguarded = first.report();
    facts.weightsUntouched(first.weightsUntouched());
    out.println(indent(unguarded.toString()));
    facts.unguardedReport(unguarded);

    out.println("  ...and with 1e-8 added to the loss instead of inside the sqrt:");
    Report epsOnLoss = oneCheckedStep(codes -> plain.segment(codes).add(1e-8), all).report();
    out.println("  " + (epsOnLoss.hasErrors() ? "still " + epsOnLoss.findings().size() + " findings, "
        + "the gradient is still NaN: eps must go inside the sqrt." : "no findings (unexpected)"));
    facts.epsOnLossStillFails(epsOnLoss.hasErrors());
    out.println();

    out.println("=== Act 2: the same loss, @Guarded ===");
    List<String> warnings = CompileTimeWarnings.of("LatentLoss.java");
    out.println("  javac with the NaNGuard processor prints, for LatentLoss.java:");
    warnings.forEach(w -> out.println("    " + w));
    facts.compileWarnings(warnings);

    Embedding emb = new Embedding(CODES, DIM, new Random(SEED));
    double[][] before = rows(emb.weight());
    double initialSpan = span(emb.weight());
    LatentLoss guarded = new GuardedLatentLoss();
    Sgd sgd = new Sgd(List.of(emb.weight()), LR);
    List<Double> guardedLosses = new ArrayList<>();
    Report trainingReport;
    out.println("  Training GuardedLatentLoss with SGD (lr " + LR + ") under Anomaly:");
    ProgressBar bar = ProgressBar.forConsole(out, "guarded", STEPS);
    try (Anomaly a = Anomaly.detect(AnomalyOptions.builder().collectAll().build())) {
      for (int step = 1; step <= STEPS; step++) {
        sgd.zeroGrad();
        Tensor loss = guarded.withSeparation(emb.forward(all), initialSpan / 2);
        loss.backward();
        sgd.step();
        guardedLosses.add(loss.item());
        bar.update(step, loss.item());
      }
      trainingReport = a.report();
    }
    double finalLoss = guarded.withSeparation(emb.forward(all), initialSpan / 2).item();
    double finalSpan = span(emb.weight());
    out.printf("  final loss %.3e, findings %d, |code 0 - code %d| %.3f (initially %.3f)%n",
        finalLoss, trainingReport.findings().size(), CODES - 1, finalSpan, initialSpan);
    facts.guardedTraining(finalLoss, trainingReport.findings().size(), initialSpan, finalSpan,
        allFinite(guardedLosses));
    out.println();

    out.println("=== Act 3: gradients and codes, before and after ===");
    GradientReport nanGrads = gradients(plain, all);
    GradientReport safeGrads = gradients(guarded, all);
    out.println("  Gradient of the unguarded loss at the start:");
    out.println(indent(nanGrads.toString()));
    out.println("  Gradient of the guarded loss at the same point:");
    out.println(indent(safeGrads.toString()));
    facts.gradientTables(nanGrads.get("codes").nonFiniteRows(), safeGrads.allFinite());

    List<Double> plainLosses = unguardedCurve(plain, all);
    Path svg = writePicture(plainLosses, guardedLosses, before, rows(emb.weight()));
    out.println("  Picture: " + svg.toAbsolutePath());
    facts.picture(svg);
    return facts.build();
  }

  /**
   * One forward, backward and (only if the checker found no error) SGD step under a collecting
   * Anomaly scope: what the checker reported, and whether the weights were left untouched.
   */
  private static CheckedStep oneCheckedStep(UnaryOperator<Tensor> loss, int[] all) {
    Embedding emb = new Embedding(CODES, DIM, new Random(SEED));
    double[] weightsBefore = emb.weight().toArray();
    Sgd sgd = new Sgd(List.of(emb.weight()), LR);
    Report report;
    try (Anomaly a = Anomaly.detect(AnomalyOptions.builder().collectAll().build())) {
      loss.apply(emb.forward(all)).backward();
      report = a.checkGradients(Map.of("codes", emb.weight()));
      if (!report.hasErrors()) {
        sgd.step();
      }
    } catch (NonFiniteException e) {
      report = e.report();
    }
    return new CheckedStep(report, Arrays.equals(weightsBefore, emb.weight().toArray()));
  }

  /** The outcome of {@link #oneCheckedStep}. */
  private record CheckedStep(Report report, boolean weightsUntouched) {}

  private static GradientReport gradients(LatentLoss loss, int[] all) {
    Embedding emb = new Embedding(CODES, DIM, new Random(SEED));
    loss.segment(emb.forward(all)).backward();
    return GradientReport.of(Map.of("codes", emb.weight()));
  }

  /** The unguarded loss trained without a checker: the curve ends where it turns NaN. */
  private static List<Double> unguardedCurve(LatentLoss plain, int[] all) {
    Embedding emb = new Embedding(CODES, DIM, new Random(SEED));
    Sgd sgd = new Sgd(List.of(emb.weight()), LR);
    List<Double> losses = new ArrayList<>();
    for (int step = 1; step <= STEPS; step++) {
      sgd.zeroGrad();
      Tensor loss = plain.segment(emb.forward(all));
      losses.add(loss.item());
      if (!Double.isFinite(loss.item())) {
        break;
      }
      loss.backward();
      sgd.step();
    }
    return losses;
  }

  private Path writePicture(List<Double> plain, List<Double> guarded, double[][] before, double[][] after)
      throws IOException {
    double[][] pBefore = Pca.project(before, before);
    double[][] pAfter = Pca.project(after, after);
    String svg = new SvgPlot()
        .lines("training loss", List.of("unguarded", "guarded"), List.of(toArray(plain), toArray(guarded)))
        .scatter("codes before (PCA)", pBefore, SvgPlot.bounds(pBefore), 0, CODES - 1)
        .scatter("codes after (PCA)", pAfter, SvgPlot.bounds(pAfter), 0, CODES - 1)
        .render();
    Files.createDirectories(outputDir);
    Path file = outputDir.resolve("nanguard-demo.svg");
    Files.writeString(file, svg);
    return file;
  }

  private static double span(Tensor codes) {
    return codes.select(0, 0).dist(codes.select(0, CODES - 1)).item();
  }

  private static double[][] rows(Tensor t) {
    double[][] r = new double[t.size(0)][t.size(1)];
    for (int i = 0; i < r.length; i++) {
      for (int j = 0; j < r[i].length; j++) {
        r[i][j] = t.get(i, j);
      }
    }
    return r;
  }

  private static double[] toArray(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static boolean allFinite(List<Double> xs) {
    return xs.stream().allMatch(Double::isFinite);
  }

  private static String indent(String s) {
    return s.isEmpty() ? "  (no findings)" : "  " + s.strip().replace("\n", "\n  ");
  }
}
