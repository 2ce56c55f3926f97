package io.nanguard.demo.bench;

import io.nanguard.check.Anomaly;
import io.nanguard.check.AnomalyOptions;
import io.nanguard.check.Report;
import io.nanguard.demo.bench.Workloads.Workload;
import java.util.Locale;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Checker overhead: each workload unchecked ({@code plain}) and with every op checked
 * ({@code checked}: one {@link Anomaly#detect()} scope per training step, as user code would
 * write it), in the same JMH run so the ratio compares like with like. The workloads are safe, so
 * the checked runs must find nothing; the tear-down verifies that with a collecting scope.
 *
 * <p>The {@code pair} benchmarks run one plain and one checked step back to back in each
 * invocation and add their times to the secondary results {@code plainNanos} and
 * {@code checkedNanos}: both variants then see the same machine load, which the separate
 * methods (measured minutes apart) do not on a shared machine. {@link #main} runs only the pairs
 * and prints checked / plain per workload.
 */
@State(Scope.Thread)
public class CheckerBench {

  private Workload seedLoss;
  private Workload mlpStep;
  private Workload softmaxCe;

  @Setup
  public void setup() {
    seedLoss = Workloads.create("seed_loss");
    mlpStep = Workloads.create("mlp_step");
    softmaxCe = Workloads.create("softmax_ce");
  }

  private static double checked(Workload w) {
    try (Anomaly a = Anomaly.detect()) {
      w.step();
    }
    return w.loss();
  }

  @Benchmark
  public double seed_loss_plain() {
    seedLoss.step();
    return seedLoss.loss();
  }

  @Benchmark
  public double seed_loss_checked() {
    return checked(seedLoss);
  }

  @Benchmark
  public double mlp_step_plain() {
    mlpStep.step();
    return mlpStep.loss();
  }

  @Benchmark
  public double mlp_step_checked() {
    return checked(mlpStep);
  }

  @Benchmark
  public double softmax_ce_plain() {
    softmaxCe.step();
    return softmaxCe.loss();
  }

  @Benchmark
  public double softmax_ce_checked() {
    return checked(softmaxCe);
  }

  /** Time of the plain and the checked halves of the pair benchmarks, summed per iteration. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Split {
    public long plainNanos;
    public long checkedNanos;

    @Setup(Level.Iteration)
    public void reset() {
      plainNanos = 0;
      checkedNanos = 0;
    }
  }

  private static double pair(Workload w, Split split) {
    long t0 = System.nanoTime();
    w.step();
    long t1 = System.nanoTime();
    double loss = checked(w);
    long t2 = System.nanoTime();
    split.plainNanos += t1 - t0;
    split.checkedNanos += t2 - t1;
    return loss;
  }

  @Benchmark
  public double seed_loss_pair(Split split) {
    return pair(seedLoss, split);
  }

  @Benchmark
  public double mlp_step_pair(Split split) {
    return pair(mlpStep, split);
  }

  @Benchmark
  public double softmax_ce_pair(Split split) {
    return pair(softmaxCe, split);
  }

  /**
   * Runs the pair benchmarks (JMH options as arguments, e.g. {@code -i 20 -f 2}) and prints, per
   * workload, the ratio checked / plain of the summed times, with its spread over iterations.
   */
  public static void main(String[] args) throws Exception {
    CommandLineOptions cli = new CommandLineOptions(args);
    ChainedOptionsBuilder opts = Benchmarks.withDefaults(cli, 1)
        .include(CheckerBench.class.getName().replace(".", "\\.") + "\\..*_pair");
    System.out.println();
    System.out.println("workload      plain us/step  checked us/step  checked/plain  per-iteration ratio [min, max]");
    for (RunResult r : new Runner(opts.build()).run()) {
      String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
      double[] ratios = r.getBenchmarkResults().stream().flatMap(b -> b.getIterationResults().stream())
          .mapToDouble(i -> i.getSecondaryResults().get("checkedNanos").getScore()
              / i.getSecondaryResults().get("plainNanos").getScore()).sorted().toArray();
      double ratio = r.getSecondaryResults().get("checkedNanos").getStatistics().getSum()
          / r.getSecondaryResults().get("plainNanos").getStatistics().getSum();
      // The counters also run during JMH's iteration ramp-up, so only their ratio is used; the
      // absolute times split the primary score (one plain plus one checked step) by it.
      double pairMicros = r.getPrimaryResult().getScore();
      System.out.printf(Locale.ROOT, "%-12s %14.1f %16.1f %14.3f  [%.3f, %.3f]%n", method.replace("_pair", ""),
          pairMicros / (1 + ratio), pairMicros * ratio / (1 + ratio), ratio, ratios[0], ratios[ratios.length - 1]);
    }
  }

  /** The overhead is only meaningful for runs that found nothing: fail the benchmark otherwise. */
  @TearDown(Level.Trial)
  public void verifyNoFindings() {
    for (Workload w : new Workload[] {seedLoss, mlpStep, softmaxCe}) {
      Report report;
      try (Anomaly a = Anomaly.detect(AnomalyOptions.builder().collectAll().build())) {
        w.step();
        report = a.report();
      }
      if (!report.isEmpty()) {
        throw new IllegalStateException("the checker found something in a benchmark workload:\n" + report);
      }
    }
  }
}
