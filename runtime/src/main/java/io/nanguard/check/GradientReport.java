package io.nanguard.check;

import io.nanguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Per-parameter gradient health after a backward pass: norm, largest magnitude, how many entries
 * are non-finite and in which rows. {@link #toString()} prints it as a table:
 *
 * <pre>
 * parameter   shape    grad norm    max |g|  non-finite  rows
 * emb.weight  [8, 4]   3.162        1.000    8           [0, 7]
 * </pre>
 */
public final class GradientReport {

  /** How many of the largest rows an entry lists. */
  public static final int LARGEST = 3;

  /**
   * One parameter's gradient.
   *
   * @param name the parameter's name
   * @param shape its shape
   * @param hasGradient false if backward never reached it (the other fields are then 0/empty)
   * @param norm the 2-norm of the finite entries
   * @param maxAbs the largest finite |g|
   * @param nonFinite how many entries are NaN or infinite
   * @param nonFiniteRows the rows holding them
   * @param largestRows the (up to {@link #LARGEST}) rows with the largest finite gradient norm, largest first
   */
  public record Entry(String name, List<Integer> shape, boolean hasGradient, double norm, double maxAbs,
      int nonFinite, List<Integer> nonFiniteRows, List<Integer> largestRows) {

    /** Copies the lists. */
    public Entry {
      shape = List.copyOf(shape);
      nonFiniteRows = List.copyOf(nonFiniteRows);
      largestRows = List.copyOf(largestRows);
    }
  }

  private final List<Entry> entries;

  private GradientReport(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The report for the given parameters, in the map's iteration order. */
  public static GradientReport of(Map<String, Tensor> params) {
    List<Entry> entries = new ArrayList<>();
    params.forEach((name, p) -> entries.add(entry(name, p)));
    return new GradientReport(entries);
  }

  /**
   * The report made of entries built with {@link #entry(String, int[], double[])}: for
   * parameters of tensor libraries other than NaNGuard's own.
   */
  public static GradientReport ofEntries(List<Entry> entries) {
    return new GradientReport(entries);
  }

  /** One entry per parameter. */
  public List<Entry> entries() {
    return entries;
  }

  /** The entry of the named parameter. */
  public Entry get(String name) {
    return entries.stream().filter(e -> e.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("GradientReport: no parameter named '" + name + "'"));
  }

  /** Whether every gradient that exists is finite. */
  public boolean allFinite() {
    return entries.stream().allMatch(e -> e.nonFinite() == 0);
  }

  /** The report as an aligned table, one row per parameter. */
  @Override
  public String toString() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"parameter", "shape", "grad norm", "max |g|", "non-finite", "rows"});
    for (Entry e : entries) {
      rows.add(e.hasGradient()
          ? new String[] {e.name(), e.shape().toString(), num(e.norm()), num(e.maxAbs()),
              Integer.toString(e.nonFinite()), e.nonFinite() == 0 ? "-" : e.nonFiniteRows().toString()}
          : new String[] {e.name(), e.shape().toString(), "(no gradient)", "", "", ""});
    }
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int c = 0; c < r.length; c++) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    return rows.stream().map(r -> IntStream.range(0, r.length)
            .mapToObj(c -> c == r.length - 1 ? r[c] : String.format("%-" + width[c] + "s", r[c]))
            .collect(Collectors.joining("  ")).stripTrailing())
        .collect(Collectors.joining("\n"));
  }

  private static Entry entry(String name, Tensor p) {
    Tensor grad = p.grad();
    return entry(name, p.shape(), grad == null ? null : grad.data());
  }

  /**
   * One parameter's entry from its shape and its gradient's values (row-major), or null
   * values for a parameter backward never reached: for tensors other than NaNGuard's own.
   */
  public static Entry entry(String name, int[] shape, double[] g) {
    List<Integer> shapeList = Elements.shapeList(shape);
    if (g == null) {
      return new Entry(name, shapeList, false, 0, 0, 0, List.of(), List.of());
    }
    int rowCount = shape.length == 0 ? 1 : shape[0];
    int rowSize = rowCount == 0 ? 0 : g.length / rowCount;
    double[] rowSq = new double[rowCount];
    double sq = 0;
    double max = 0;
    for (int i = 0; i < g.length; i++) {
      if (Double.isFinite(g[i])) {
        sq += g[i] * g[i];
        max = Math.max(max, Math.abs(g[i]));
        rowSq[i / rowSize] += g[i] * g[i];
      }
    }
    Elements bad = Elements.nonFinite(g, shape);
    List<Integer> largest = IntStream.range(0, rowCount).boxed()
        .filter(r -> rowSq[r] > 0)
        .sorted(Comparator.comparingDouble((Integer r) -> rowSq[r]).reversed())
        .limit(LARGEST).collect(Collectors.toList());
    return new Entry(name, shapeList, true, Math.sqrt(sq), max, bad.count(), bad.rows(), largest);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
