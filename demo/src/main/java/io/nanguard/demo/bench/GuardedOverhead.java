package io.nanguard.demo.bench;

import io.nanguard.demo.bench.GuardedBench.SeedLossTerms;
import io.nanguard.nn.Embedding;
import io.nanguard.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * The guarded/unguarded seed_loss ratio measured so that machine noise hits both alike: the two
 * variants alternate in short blocks in one JVM, each block timed in this thread's CPU time (time
 * spent descheduled by other processes does not count), and the ratio of their fastest blocks
 * (and of their median blocks) is printed. Complements {@link GuardedBench}, whose variants run
 * one after the other and so see different background load on a shared machine.
 *
 * <p>Run: {@code java -cp runtime/target/classes:demo/target/classes
 * io.nanguard.demo.bench.GuardedOverhead [blocks]} after {@code mvn -B -q -pl demo -am verify -DskipTests}.
 */
public final class GuardedOverhead {

  private static final int STEPS_PER_BLOCK = 20;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private GuardedOverhead() {}

  public static void main(String[] args) {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    Embedding emb = new Embedding(1000, 16, new Random(0));
    int[] idx = new int[1000];
    Arrays.setAll(idx, i -> i);
    SeedLossTerms unguarded = new SeedLossTerms();
    SeedLossTerms guarded = new GuardedGuardedBench_SeedLossTerms();
    long[] tu = new long[blocks];
    long[] tg = new long[blocks];
    for (int b = 0; b < blocks; b++) {
      boolean guardedFirst = b % 2 == 1;
      long first = block(guardedFirst ? guarded : unguarded, emb, idx);
      long second = block(guardedFirst ? unguarded : guarded, emb, idx);
      tu[b] = guardedFirst ? second : first;
      tg[b] = guardedFirst ? first : second;
    }
    // The first half is warm-up.
    long[] u = Arrays.copyOfRange(tu, blocks / 2, blocks);
    long[] g = Arrays.copyOfRange(tg, blocks / 2, blocks);
    Arrays.sort(u);
    Arrays.sort(g);
    double perStep = STEPS_PER_BLOCK * 1e3;
    System.out.printf(Locale.ROOT, "seed_loss unguarded: min %.1f us, median %.1f us (CPU time)%n", u[0] / perStep, u[u.length / 2] / perStep);
    System.out.printf(Locale.ROOT, "seed_loss guarded:   min %.1f us, median %.1f us (CPU time)%n", g[0] / perStep, g[g.length / 2] / perStep);
    System.out.printf(Locale.ROOT, "guarded / unguarded: %.3f (min), %.3f (median)%n",
        (double) g[0] / u[0], (double) g[g.length / 2] / u[u.length / 2]);
  }

  private static long block(SeedLossTerms terms, Embedding emb, int[] idx) {
    long start = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < STEPS_PER_BLOCK; i++) {
      Tensor l = terms.loss(emb, idx);
      emb.weight().zeroGrad();
      l.backward();
    }
    return CPU.getCurrentThreadCpuTime() - start;
  }
}
