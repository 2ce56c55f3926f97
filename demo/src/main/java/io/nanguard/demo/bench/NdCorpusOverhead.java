package io.nanguard.demo.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The processor's own CPU time (inside its calls, {@link TimedProcessor}) on the NDArray corpus
 * and on the same corpus written against {@code Tensor}, alternated in one JVM after warm-up
 * rounds; prints the fastest and median of each and their ratio (NDArray / Tensor), with the
 * warnings and Guarded classes each produced (they must match: the same ops, the same fixes).
 * Arguments: {@code [warmupRounds] [measuredRounds] [classes]} (defaults 3, 7, 400).
 */
public final class NdCorpusOverhead {

  private NdCorpusOverhead() {}

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    int classes = args.length > 2 ? Integer.parseInt(args[2]) : 400;
    ProcessorCorpus.Dialect[] dialects = ProcessorCorpus.Dialect.values();
    List<List<Long>> inside = new ArrayList<>();
    List<ProcessorCorpus.Outcome> last = new ArrayList<>();
    for (ProcessorCorpus.Dialect d : dialects) {
      inside.add(new ArrayList<>());
      last.add(null);
    }
    List<ProcessorCorpus> corpora = new ArrayList<>();
    for (ProcessorCorpus.Dialect d : dialects) {
      corpora.add(ProcessorCorpus.of(classes, ProcessorCorpus.Layout.SPREAD, d));
    }
    for (int r = 0; r < warmup + rounds; r++) {
      for (int i = 0; i < dialects.length; i++) {
        ProcessorCorpus.Outcome o = corpora.get(i).compile(ProcessorCorpus.Processing.NANGUARD);
        if (!o.success()) {
          throw new IllegalStateException(dialects[i] + " corpus did not compile");
        }
        last.set(i, o);
        if (r >= warmup) {
          inside.get(i).add(o.processorCpuMillis());
        }
      }
    }
    System.out.println("| corpus | classes | warnings | Guarded classes | inside NaNGuard, fastest (ms) | median (ms) |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (int i = 0; i < dialects.length; i++) {
      List<Long> t = new ArrayList<>(inside.get(i));
      Collections.sort(t);
      System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %d |%n", dialects[i], classes,
          last.get(i).nanguardWarnings(), last.get(i).generatedClasses(), t.get(0), t.get(t.size() / 2));
    }
    List<Long> tensor = new ArrayList<>(inside.get(0));
    List<Long> nd = new ArrayList<>(inside.get(1));
    Collections.sort(tensor);
    Collections.sort(nd);
    System.out.printf(Locale.ROOT, "NDArray / Tensor, inside NaNGuard: fastest %.3f, median %.3f%n",
        (double) nd.get(0) / tensor.get(0), (double) nd.get(nd.size() / 2) / tensor.get(tensor.size() / 2));
  }
}
