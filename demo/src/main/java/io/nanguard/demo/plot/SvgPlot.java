package io.nanguard.demo.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal SVG writer for the demo's picture: line charts on a log scale and labelled scatter
 * panels, side by side. Plain Java, no plotting dependency.
 */
public final class SvgPlot {

  private static final int PANEL = 360;
  private static final int PAD = 48;
  private static final String[] COLORS = {"#d62728", "#1f77b4", "#2ca02c", "#9467bd"};

  private final List<String> panels = new ArrayList<>();

  /** Adds a chart of named series (y on a log10 scale; non-finite points end a series). */
  public SvgPlot lines(String title, List<String> names, List<double[]> series) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    int n = 1;
    for (double[] s : series) {
      n = Math.max(n, s.length);
      for (double y : s) {
        if (Double.isFinite(y) && y > 0) {
          lo = Math.min(lo, Math.log10(y));
          hi = Math.max(hi, Math.log10(y));
        }
      }
    }
    if (lo > hi) {
      lo = 0;
      hi = 1;
    }
    double ylo = Math.floor(lo);
    double yhi = Math.max(Math.ceil(hi), ylo + 1);
    StringBuilder sb = new StringBuilder(frame(title, "step", "loss (log10)"));
    for (int k = 0; k < series.size(); k++) {
      StringBuilder path = new StringBuilder();
      double[] s = series.get(k);
      int last = -1;
      for (int i = 0; i < s.length; i++) {
        if (!Double.isFinite(s[i]) || s[i] <= 0) {
          break;
        }
        double x = PAD + (PANEL - 2.0 * PAD) * i / Math.max(1, n - 1);
        double y = PANEL - PAD - (PANEL - 2.0 * PAD) * (Math.log10(s[i]) - ylo) / (yhi - ylo);
        path.append(path.length() == 0 ? "M" : " L").append(fmt(x)).append(',').append(fmt(y));
        last = i;
      }
      String color = COLORS[k % COLORS.length];
      sb.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(color)
          .append("\" stroke-width=\"1.5\"/>\n");
      boolean endsEarly = last + 1 < s.length;
      if (endsEarly && last >= 0) {
        // A series that turns NaN may be a single point: mark where it stops.
        String[] xy = path.substring(path.lastIndexOf(last == 0 ? "M" : "L") + 1).split(",");
        sb.append("<circle cx=\"").append(xy[0]).append("\" cy=\"").append(xy[1]).append("\" r=\"4\" fill=\"")
            .append(color).append("\"/>\n");
      }
      // Steps are numbered from 1, as the training loops print them.
      String end = endsEarly ? " (NaN at step " + (last + 2) + ")" : "";
      sb.append(text(PAD + 8, PAD + 16 + 14 * k, names.get(k) + end, color, "start"));
    }
    sb.append(text(PAD - 4, PANEL - PAD, "1e" + (int) ylo, "#555", "end"));
    sb.append(text(PAD - 4, PAD + 4, "1e" + (int) yhi, "#555", "end"));
    panels.add(sb.toString());
    return this;
  }

  /** Adds a scatter panel of 2-D points labelled by their index; the given points are highlighted. */
  public SvgPlot scatter(String title, double[][] points, double[] bounds, int... highlighted) {
    StringBuilder sb = new StringBuilder(frame(title, "axis 1", "axis 2"));
    for (int i = 0; i < points.length; i++) {
      double x = PAD + (PANEL - 2.0 * PAD) * (points[i][0] - bounds[0]) / (bounds[1] - bounds[0]);
      double y = PANEL - PAD - (PANEL - 2.0 * PAD) * (points[i][1] - bounds[2]) / (bounds[3] - bounds[2]);
      boolean hot = false;
      for (int h : highlighted) {
        hot |= h == i;
      }
      String color = hot ? COLORS[0] : COLORS[1];
      sb.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"%d\" fill=\"%s\"/>%n",
          fmt(x), fmt(y), hot ? 6 : 4, color));
      sb.append(text(x + 7, y - 5, Integer.toString(i), color, "start"));
    }
    panels.add(sb.toString());
    return this;
  }

  /**
   * Square bounds (xmin, xmax, ymin, ymax) holding every point with a margin, so several panels
   * can share axes and one unit is as long on both axes: a line of codes looks like a line.
   */
  public static double[] bounds(double[][]... sets) {
    double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (double[][] set : sets) {
      for (double[] p : set) {
        b[0] = Math.min(b[0], p[0]);
        b[1] = Math.max(b[1], p[0]);
        b[2] = Math.min(b[2], p[1]);
        b[3] = Math.max(b[3], p[1]);
      }
    }
    double half = Math.max(1e-9, Math.max(b[1] - b[0], b[3] - b[2]) * 0.55);
    double cx = (b[0] + b[1]) / 2;
    double cy = (b[2] + b[3]) / 2;
    return new double[] {cx - half, cx + half, cy - half, cy + half};
  }

  /** The whole picture, panels left to right. */
  public String render() {
    int width = PANEL * Math.max(1, panels.size());
    StringBuilder sb = new StringBuilder();
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
        .append(PANEL).append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
    sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    for (int i = 0; i < panels.size(); i++) {
      sb.append("<g transform=\"translate(").append(i * PANEL).append(",0)\">\n").append(panels.get(i)).append("</g>\n");
    }
    return sb.append("</svg>\n").toString();
  }

  private static String frame(String title, String xLabel, String yLabel) {
    return "<rect x=\"" + PAD + "\" y=\"" + PAD + "\" width=\"" + (PANEL - 2 * PAD) + "\" height=\""
        + (PANEL - 2 * PAD) + "\" fill=\"none\" stroke=\"#999\"/>\n"
        + text(PANEL / 2.0, PAD - 16, title, "#000", "middle")
        + text(PANEL / 2.0, PANEL - PAD + 28, xLabel, "#555", "middle")
        + "<text x=\"14\" y=\"" + PANEL / 2 + "\" fill=\"#555\" text-anchor=\"middle\" transform=\"rotate(-90 14 "
        + PANEL / 2 + ")\">" + escape(yLabel) + "</text>\n";
  }

  private static String text(double x, double y, String s, String color, String anchor) {
    return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" fill=\"" + color + "\" text-anchor=\"" + anchor + "\">"
        + escape(s) + "</text>\n";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
