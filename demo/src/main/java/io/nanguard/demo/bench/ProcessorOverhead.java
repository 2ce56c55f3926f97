package io.nanguard.demo.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Processor overhead as a plain harness: compiles the synthetic corpus with and without
 * NaNGuard's processor in one JVM, alternating the two so that machine noise hits both alike,
 * after warm-up rounds, and prints the median times and their ratio for 400 and 1600 classes.
 * Arguments: {@code [warmupRounds] [measuredRounds] [classes...]} (defaults 3, 5, 400 1600).
 */
public final class ProcessorOverhead {

  private ProcessorOverhead() {}

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<Integer> sizes = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      sizes.add(Integer.parseInt(args[i]));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(400, 1600);
    }
    System.out.println("| classes | methods | guarded | javac (ms) | javac + NaNGuard (ms) | ratio | warnings | Guarded classes |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int classes : sizes) {
      ProcessorCorpus corpus = ProcessorCorpus.of(classes);
      List<Long> plain = new ArrayList<>();
      List<Long> guarded = new ArrayList<>();
      ProcessorCorpus.Outcome last = null;
      for (int r = 0; r < warmup + rounds; r++) {
        long p = time(() -> corpus.compile(false));
        long[] g = {0};
        ProcessorCorpus.Outcome[] o = new ProcessorCorpus.Outcome[1];
        g[0] = time(() -> o[0] = corpus.compile(true));
        last = o[0];
        if (r >= warmup) {
          plain.add(p);
          guarded.add(g[0]);
        }
      }
      long mp = median(plain);
      long mg = median(guarded);
      int methods = classes * ProcessorCorpus.METHODS_PER_CLASS;
      System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %d | %.3f | %d | %d |%n", classes, methods, methods / 10,
          mp, mg, (double) mg / mp, last.nanguardWarnings(), last.generatedClasses());
    }
  }

  private static long time(Runnable r) {
    long t0 = System.nanoTime();
    r.run();
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static long median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
