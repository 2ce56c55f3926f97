package io.nanguard.demo.bench;

import io.nanguard.check.Anomaly;
import io.nanguard.check.AnomalyOptions;
import io.nanguard.check.Report;
import io.nanguard.demo.bench.Workloads.Workload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Checker overhead: each workload unchecked ({@code plain}) and with every op checked
 * ({@code checked}: one {@link Anomaly#detect()} scope per training step, as user code would
 * write it), in the same JMH run so the ratio compares like with like. The workloads are safe, so
 * the checked runs must find nothing; the tear-down verifies that with a collecting scope.
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
