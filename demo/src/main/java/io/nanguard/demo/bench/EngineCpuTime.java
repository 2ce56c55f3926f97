package io.nanguard.demo.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A companion to {@link EngineBench} for a machine shared with other jobs: time per
 * {@code step()} in CPU time of the benchmark thread, which other processes stealing the cores
 * inflate far less than wall time. Mirrors {@code torch_workloads.py}'s own timing (mean over 2 s
 * after warm-up), repeated five times; prints median, min and max per workload. Run with
 * {@code mvn -B -q -Pbench -pl demo -am verify -DskipTests -Dbench.main=io.nanguard.demo.bench.EngineCpuTime}.
 */
public final class EngineCpuTime {

  private EngineCpuTime() {}

  public static void main(String[] args) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    List<String> names = args.length > 0 ? List.of(args) : Workloads.NAMES;
    for (String name : names) {
      Workloads.Workload w = Workloads.create(name);
      cpuMicrosPerStep(mx, w, 5.0); // warm-up: let the JIT finish
      List<Double> runs = new ArrayList<>();
      for (int r = 0; r < 5; r++) {
        runs.add(cpuMicrosPerStep(mx, w, 2.0));
      }
      Collections.sort(runs);
      System.out.printf(Locale.ROOT, "%s\tcpu_us_median=%.1f\tmin=%.1f\tmax=%.1f%n", name, runs.get(2), runs.get(0),
          runs.get(4));
    }
  }

  /** Mean CPU microseconds per step over at least {@code seconds} of CPU time. */
  private static double cpuMicrosPerStep(ThreadMXBean mx, Workloads.Workload w, double seconds) {
    long budget = (long) (seconds * 1e9);
    long t0 = mx.getCurrentThreadCpuTime();
    long n = 0;
    long used;
    do {
      w.step();
      n++;
      used = mx.getCurrentThreadCpuTime() - t0;
    } while (used < budget);
    return used / 1e3 / n;
  }
}
