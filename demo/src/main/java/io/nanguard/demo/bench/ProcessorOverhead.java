package io.nanguard.demo.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Processor overhead as a plain harness: compiles the synthetic corpus four ways in one JVM,
 * alternating them after warm-up rounds: javac alone ({@code -proc:none}), javac with
 * {@link NoOpProcessor} (what javac charges for running any annotation processor), with
 * {@link OneFilePerClassProcessor} (what it charges for generating NaNGuard's files, empty) and
 * with NaNGuard. It prints the fastest and the median CPU time of the compiling thread for each,
 * and the ratios of NaNGuard's fastest run (the least disturbed) to the three baselines' fastest,
 * per corpus size and layout, and the CPU time spent inside the calls of the empty-file writer
 * and of NaNGuard (the Filer's work included): what the processor's own code costs, apart from
 * what javac does around the rounds. CPU time rather than wall time because the machines this
 * runs on are shared. The {@code scan=all} rows compile an unannotated corpus with
 * {@code -Ananguard.scan=all}: every method analysed, no code generated.
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
    System.out.println("| classes | methods analysed | layout | javac alone | + no-op processor"
        + " | + empty generated files | + NaNGuard | NaNGuard / javac alone | NaNGuard / no-op"
        + " | NaNGuard / empty files | inside the empty-file writer | inside NaNGuard | Guarded classes written |");
    System.out.println("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int classes : sizes) {
      for (ProcessorCorpus.Layout layout : ProcessorCorpus.Layout.values()) {
        measure(classes, layout, warmup, rounds);
      }
    }
  }

  private static void measure(int classes, ProcessorCorpus.Layout layout, int warmup, int rounds) {
    ProcessorCorpus corpus = ProcessorCorpus.of(classes, layout);
    boolean audit = layout == ProcessorCorpus.Layout.NONE;
    List<String> options = audit ? List.of("-Ananguard.scan=all") : List.of();
    Map<ProcessorCorpus.Processing, List<Long>> times = new EnumMap<>(ProcessorCorpus.Processing.class);
    Map<ProcessorCorpus.Processing, List<Long>> inside = new EnumMap<>(ProcessorCorpus.Processing.class);
    long generated = 0;
    for (int r = 0; r < warmup + rounds; r++) {
      for (ProcessorCorpus.Processing processing : ProcessorCorpus.Processing.values()) {
        boolean nanguard = processing == ProcessorCorpus.Processing.NANGUARD;
        ProcessorCorpus.Outcome outcome = corpus.compile(processing, nanguard ? options : List.of());
        if (!outcome.success()) {
          throw new IllegalStateException("the corpus did not compile with " + processing);
        }
        if (nanguard) {
          generated = outcome.generatedClasses();
        }
        if (r >= warmup) {
          times.computeIfAbsent(processing, p -> new ArrayList<>()).add(outcome.cpuMillis());
          inside.computeIfAbsent(processing, p -> new ArrayList<>()).add(outcome.processorCpuMillis());
        }
      }
    }
    double nanguard = Collections.min(times.get(ProcessorCorpus.Processing.NANGUARD));
    int methods = classes * ProcessorCorpus.METHODS_PER_CLASS;
    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %d | %d | %s |", classes,
        audit ? methods : methods / 10, audit ? "none, scan=all" : layout.name().toLowerCase(Locale.ROOT)));
    for (ProcessorCorpus.Processing processing : ProcessorCorpus.Processing.values()) {
      row.append(' ').append(minAndMedian(times.get(processing))).append(" |");
    }
    for (ProcessorCorpus.Processing baseline : ProcessorCorpus.Processing.values()) {
      if (baseline != ProcessorCorpus.Processing.NANGUARD) {
        row.append(String.format(Locale.ROOT, " %.2f |", nanguard / Collections.min(times.get(baseline))));
      }
    }
    row.append(' ').append(minAndMedian(inside.get(ProcessorCorpus.Processing.ONE_FILE_PER_CLASS))).append(" |")
        .append(' ').append(minAndMedian(inside.get(ProcessorCorpus.Processing.NANGUARD))).append(" |");
    System.out.println(row.append(' ').append(generated).append(" |"));
  }

  private static String minAndMedian(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(0) + " / " + s.get(s.size() / 2);
  }
}
