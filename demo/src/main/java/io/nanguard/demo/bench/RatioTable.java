package io.nanguard.demo.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark scores grouped by class and workload, printed as variant / baseline ratios. A
 * benchmark {@code Cls.<workload>_<variant>} is a ratio row of {@code Cls}; its baseline is the
 * {@code plain} variant of the same workload in the same class, else in any class (so a class
 * that measures its own baseline in the same run uses it).
 */
final class RatioTable {

  static final String BASELINE = "plain";

  /** One measured score with its 99.9% confidence half-width. */
  record Score(String cls, String workload, String variant, double mean, double error) {
    double relError() {
      return mean == 0 ? 0 : error / mean;
    }
  }

  private final List<Score> scores = new ArrayList<>();

  /** Adds a result given JMH's fully qualified benchmark name. */
  void add(String benchmark, double mean, double error) {
    String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
    String owner = benchmark.substring(0, benchmark.lastIndexOf('.'));
    String cls = owner.substring(owner.lastIndexOf('.') + 1);
    int cut = method.lastIndexOf('_');
    String workload = cut < 0 ? method : method.substring(0, cut);
    String variant = cut < 0 ? BASELINE : method.substring(cut + 1);
    scores.add(new Score(cls, workload, variant, mean, Double.isNaN(error) ? 0 : error));
  }

  String render() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-22s %-14s %-12s %22s %18s%n",
        "class", "workload", "variant", "us/op (+-99.9%)", "ratio to plain"));
    for (Score s : scores) {
      Score base = baseline(s);
      String ratio = base == null || base == s ? "" : ratio(s, base);
      sb.append(String.format(Locale.ROOT, "%-22s %-14s %-12s %22s %18s%n",
          s.cls(), s.workload(), s.variant(), timing(s), ratio));
    }
    return sb.toString();
  }

  /**
   * Compares each {@code plain} score of the engine with PyTorch's plain time from lines of
   * {@code torch_workloads.py} output ({@code name\tplain_us=..\tanomaly_us=..\t...}).
   */
  String renderAgainstTorch(List<String> torchLines) {
    Map<String, Double> torch = new LinkedHashMap<>();
    for (String line : torchLines) {
      String[] f = line.trim().split("\t");
      for (int i = 1; i < f.length; i++) {
        if (f[i].startsWith("plain_us=")) {
          torch.put(f[0], Double.parseDouble(f[i].substring("plain_us=".length())));
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-14s %18s %14s %14s%n",
        "workload", "java us/op", "pytorch us/op", "java/pytorch"));
    for (Score s : scores) {
      Double t = torch.get(s.workload());
      if (s.cls().startsWith("Engine") && s.variant().equals(BASELINE) && t != null) {
        sb.append(String.format(Locale.ROOT, "%-14s %18s %14.1f %14s%n", s.workload(), timing(s), t,
            String.format(Locale.ROOT, "%.2f +- %.2f", s.mean() / t, s.error() / t)));
      }
    }
    return sb.toString();
  }

  private Score baseline(Score s) {
    Score other = null;
    for (Score b : scores) {
      if (b.workload().equals(s.workload()) && b.variant().equals(BASELINE)) {
        if (b.cls().equals(s.cls())) {
          return b;
        }
        other = other == null ? b : other;
      }
    }
    return other;
  }

  private static String timing(Score s) {
    return String.format(Locale.ROOT, "%.1f +- %.1f", s.mean(), s.error());
  }

  private static String ratio(Score s, Score base) {
    double r = s.mean() / base.mean();
    double e = r * Math.hypot(s.relError(), base.relError());
    return String.format(Locale.ROOT, "%.3f +- %.3f", r, e);
  }
}
