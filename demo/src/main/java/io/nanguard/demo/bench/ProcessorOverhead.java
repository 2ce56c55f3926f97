package io.nanguard.demo.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Processor overhead as a plain harness: compiles the synthetic corpus with and without
 * NaNGuard's processor in one JVM, alternating the two, after warm-up rounds, and prints the
 * fastest and the median CPU time of the compiling thread for each and the ratio of the fastest
 * (the least disturbed run), per corpus size and layout. CPU time rather than wall time because
 * the machines this runs on are shared. The {@code scan=all} rows compile an unannotated corpus
 * with {@code -Ananguard.scan=all}: every method analysed, no code generated.
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
    System.out.println("| classes | methods analysed | layout | javac ms CPU (min / median) | javac + NaNGuard ms CPU (min / median) | ratio (min) | Guarded classes written |");
    System.out.println("|---:|---:|---|---:|---:|---:|---:|");
    for (int classes : sizes) {
      for (ProcessorCorpus.Layout layout : ProcessorCorpus.Layout.values()) {
        measure(classes, layout, warmup, rounds);
      }
    }
  }

  private static void measure(int classes, ProcessorCorpus.Layout layout, int warmup, int rounds) {
    ProcessorCorpus corpus = ProcessorCorpus.of(classes, layout);
    List<Long> plain = new ArrayList<>();
    List<Long> guarded = new ArrayList<>();
    ProcessorCorpus.Outcome last = null;
    boolean audit = layout == ProcessorCorpus.Layout.NONE;
    List<String> options = audit ? List.of("-Ananguard.scan=all") : List.of();
    for (int r = 0; r < warmup + rounds; r++) {
      ProcessorCorpus.Outcome p = corpus.compile(false);
      last = corpus.compile(true, options);
      if (!p.success() || !last.success()) {
        throw new IllegalStateException("the corpus did not compile");
      }
      if (r >= warmup) {
        plain.add(p.cpuMillis());
        guarded.add(last.cpuMillis());
      }
    }
    long minPlain = Collections.min(plain);
    long minGuarded = Collections.min(guarded);
    int methods = classes * ProcessorCorpus.METHODS_PER_CLASS;
    System.out.printf(Locale.ROOT, "| %d | %d | %s | %d / %d | %d / %d | %.2f | %d |%n", classes,
        audit ? methods : methods / 10, audit ? "none, scan=all" : layout.name().toLowerCase(Locale.ROOT),
        minPlain, median(plain), minGuarded, median(guarded), (double) minGuarded / minPlain,
        last.generatedClasses());
  }

  private static long median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
