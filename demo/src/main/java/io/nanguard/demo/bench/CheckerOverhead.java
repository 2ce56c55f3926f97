package io.nanguard.demo.bench;

import io.nanguard.check.Anomaly;
import io.nanguard.demo.bench.Workloads.Workload;
import java.util.Arrays;
import java.util.Locale;

/**
 * Checker overhead measured by interleaving: each round times a batch of plain steps, then a
 * batch of checked steps of the same workload, back to back. On a machine shared with other jobs
 * (where JMH's separate per-method iterations see different loads) this keeps both variants under
 * the same interference; the report gives the median of the per-round ratios and the ratio of
 * the fastest batches. A companion to {@link CheckerBench}, not a replacement.
 *
 * <p>Run: {@code java -cp runtime/target/classes:demo/target/classes
 * io.nanguard.demo.bench.CheckerOverhead [rounds]}
 */
public final class CheckerOverhead {

  private CheckerOverhead() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    System.out.println("workload      plain us (min)  checked us (min)  ratio of mins  median ratio  [p25, p75]");
    for (String name : Workloads.NAMES) {
      Workload w = Workloads.create(name);
      int batch = Math.max(1, (int) (20_000 / micros(w, 3)));
      for (int i = 0; i < 5; i++) {
        round(w, batch); // warm-up: let the JIT compile both paths
      }
      double[] ratios = new double[rounds];
      double minPlain = Double.MAX_VALUE;
      double minChecked = Double.MAX_VALUE;
      for (int r = 0; r < rounds; r++) {
        double[] t = round(w, batch);
        ratios[r] = t[1] / t[0];
        minPlain = Math.min(minPlain, t[0]);
        minChecked = Math.min(minChecked, t[1]);
      }
      Arrays.sort(ratios);
      System.out.printf(Locale.ROOT, "%-12s %15.1f %17.1f %14.3f %13.3f  [%.3f, %.3f]%n", name, minPlain, minChecked,
          minChecked / minPlain, ratios[rounds / 2], ratios[rounds / 4], ratios[3 * rounds / 4]);
    }
  }

  /** Microseconds per step of a plain and a checked batch, back to back. */
  private static double[] round(Workload w, int batch) {
    long t0 = System.nanoTime();
    for (int i = 0; i < batch; i++) {
      w.step();
    }
    long t1 = System.nanoTime();
    for (int i = 0; i < batch; i++) {
      try (Anomaly a = Anomaly.detect()) {
        w.step();
      }
    }
    long t2 = System.nanoTime();
    return new double[] {(t1 - t0) / 1e3 / batch, (t2 - t1) / 1e3 / batch};
  }

  private static double micros(Workload w, int steps) {
    long t0 = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      w.step();
    }
    return Math.max(1, (System.nanoTime() - t0) / 1e3 / steps);
  }
}
