package io.nanguard.demo.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * The two halves of a JMH pair benchmark ({@code <workload>_pair}): each invocation runs the
 * plain and the checked variant once, back to back, and adds the CPU time each took on the
 * benchmark thread to the secondary results {@code plainNanos} and {@code checkedNanos}. Both
 * variants then see the same machine load, which two separate benchmark methods, measured minutes
 * apart, do not on a shared machine; and CPU time, unlike wall time, does not count the time the
 * thread waited for a core other processes held. (NaNGuard's engine runs on the calling thread;
 * DJL's benchmarks run PyTorch with one intra-op thread, whose kernels run on the calling thread
 * too.) The order alternates between invocations, so neither half always runs on the caches the
 * other warmed.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class PairTimes {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public long plainNanos;
  public long checkedNanos;
  private boolean checkedFirst;

  @Setup(Level.Iteration)
  public void reset() {
    plainNanos = 0;
    checkedNanos = 0;
  }

  /** Runs both variants once, in alternating order; returns the sum of their results (for the blackhole). */
  double time(DoubleSupplier plain, DoubleSupplier checked) {
    checkedFirst = !checkedFirst;
    double sink = checkedFirst ? timeChecked(checked) + timePlain(plain) : timePlain(plain) + timeChecked(checked);
    return sink;
  }

  private double timePlain(DoubleSupplier plain) {
    long t0 = THREADS.getCurrentThreadCpuTime();
    double r = plain.getAsDouble();
    plainNanos += THREADS.getCurrentThreadCpuTime() - t0;
    return r;
  }

  private double timeChecked(DoubleSupplier checked) {
    long t0 = THREADS.getCurrentThreadCpuTime();
    double r = checked.getAsDouble();
    checkedNanos += THREADS.getCurrentThreadCpuTime() - t0;
    return r;
  }

  /**
   * Runs the {@code _pair} benchmarks of {@code bench} (JMH options as arguments, e.g.
   * {@code -i 20 -f 2}) and prints, per workload, the wall time of one pair, checked / plain of
   * the summed CPU times, that ratio's spread over the measured iterations, and the ratio of each
   * fork.
   */
  static void printRatios(Class<?> bench, String[] args) throws CommandLineOptionException, RunnerException {
    CommandLineOptions cli = new CommandLineOptions(args);
    ChainedOptionsBuilder opts = Benchmarks.withDefaults(cli, 1)
        .include(bench.getName().replace(".", "\\.") + "\\..*_pair");
    System.out.println();
    System.out.println("workload      pair us/op (wall)  checked/plain (CPU)  per-iteration ratio [min, median, max]  per fork");
    for (RunResult r : new Runner(opts.build()).run()) {
      String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
      double[] ratios = r.getBenchmarkResults().stream().flatMap(b -> b.getIterationResults().stream())
          .mapToDouble(i -> i.getSecondaryResults().get("checkedNanos").getScore()
              / i.getSecondaryResults().get("plainNanos").getScore()).sorted().toArray();
      double ratio = r.getSecondaryResults().get("checkedNanos").getStatistics().getSum()
          / r.getSecondaryResults().get("plainNanos").getStatistics().getSum();
      String forks = r.getBenchmarkResults().stream()
          .map(b -> String.format(Locale.ROOT, "%.3f", b.getSecondaryResults().get("checkedNanos").getStatistics().getSum()
              / b.getSecondaryResults().get("plainNanos").getStatistics().getSum()))
          .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
      System.out.printf(Locale.ROOT, "%-14s %16.1f %20.3f  [%.3f, %.3f, %.3f]  %s%n", method.replace("_pair", ""),
          r.getPrimaryResult().getScore(), ratio, ratios[0], ratios[ratios.length / 2], ratios[ratios.length - 1], forks);
    }
  }
}
