package io.nanguard.demo.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@link DjlBench}'s two pairs as an interleaved harness: blocks of plain and checked calls
 * alternate in one JVM, each timed in CPU time of the calling thread (PyTorch runs with one
 * intra-op thread, so its kernels run on that thread too). On a shared machine this is steadier
 * than JMH's wall time of separate forks. Prints per pair the fastest and the median block of
 * each variant and the ratios. Arguments: {@code [warmupBlocks] [measuredBlocks] [callsPerBlock]}
 * (defaults 5, 15, 50).
 */
public final class DjlOverhead {

  private DjlOverhead() {}

  public static void main(String[] args) {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    int calls = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    System.out.println("| pair | plain, fastest block (ms) | checked, fastest (ms) | ratio of fastest | ratio of medians |");
    System.out.println("|---|---:|---:|---:|---:|");
    DjlBench.Seed seed = new DjlBench.Seed();
    seed.setUp();
    compare("seed loss on NDArray: generated GuardedNdSeedLoss / as written", warmup, blocks, calls,
        () -> seed.run(seed.plain), () -> seed.run(seed.guarded));
    seed.tearDown();
    DjlBench.Mlp mlp = new DjlBench.Mlp();
    mlp.setUp();
    compare("MLP step 256-256-1, batch 256: with NanGuardListener / without", warmup, blocks, calls,
        () -> mlp.step(mlp.plain), () -> mlp.step(mlp.checked));
    mlp.tearDown();
  }

  private static void compare(String pair, int warmup, int blocks, int calls, Supplier<Float> plain,
      Supplier<Float> checked) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<Double> p = new ArrayList<>();
    List<Double> c = new ArrayList<>();
    float sink = 0;
    for (int b = 0; b < warmup + blocks; b++) {
      for (int variant = 0; variant < 2; variant++) {
        Supplier<Float> f = variant == 0 ? plain : checked;
        long t0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
          sink += f.get();
        }
        double ms = (threads.getCurrentThreadCpuTime() - t0) / 1e6 / calls;
        if (b >= warmup) {
          (variant == 0 ? p : c).add(ms);
        }
      }
    }
    Collections.sort(p);
    Collections.sort(c);
    System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f |%n", pair, p.get(0), c.get(0), c.get(0) / p.get(0),
        c.get(c.size() / 2) / p.get(p.size() / 2));
    if (Float.isNaN(sink)) {
      System.out.println("(a NaN passed through the sink)");
    }
  }
}
