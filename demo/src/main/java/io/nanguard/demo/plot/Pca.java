package io.nanguard.demo.plot;

/**
 * Projects points onto their first two principal axes, so that codes in any dimension can be
 * drawn on a page. Power iteration with deflation is enough for two axes of a small matrix.
 */
public final class Pca {

  private Pca() {}

  /**
   * The (n x 2) projection of the rows of an (n x d) matrix onto its two leading principal
   * axes, computed from {@code basis} (usually the same matrix, or the codes before training
   * so that before/after pictures share axes).
   */
  public static double[][] project(double[][] points, double[][] basis) {
    int d = basis[0].length;
    double[] mean = new double[d];
    for (double[] row : basis) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / basis.length;
      }
    }
    double[][] cov = new double[d][d];
    for (double[] row : basis) {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          cov[i][j] += (row[i] - mean[i]) * (row[j] - mean[j]);
        }
      }
    }
    double[] a1 = leadingAxis(cov);
    deflate(cov, a1);
    double[] a2 = d > 1 ? leadingAxis(cov) : new double[d];
    double[][] out = new double[points.length][2];
    for (int r = 0; r < points.length; r++) {
      for (int j = 0; j < d; j++) {
        double c = points[r][j] - mean[j];
        out[r][0] += c * a1[j];
        out[r][1] += c * a2[j];
      }
    }
    return out;
  }

  private static double[] leadingAxis(double[][] m) {
    int d = m.length;
    double[] v = new double[d];
    for (int i = 0; i < d; i++) {
      v[i] = 1.0 / Math.sqrt(d) + 1e-3 * i;
    }
    for (int it = 0; it < 500; it++) {
      double[] w = new double[d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          w[i] += m[i][j] * v[j];
        }
      }
      double n = 0;
      for (double x : w) {
        n += x * x;
      }
      n = Math.sqrt(n);
      if (n == 0) {
        return v;
      }
      for (int i = 0; i < d; i++) {
        v[i] = w[i] / n;
      }
    }
    return v;
  }

  private static void deflate(double[][] m, double[] axis) {
    int d = m.length;
    double lambda = 0;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        lambda += axis[i] * m[i][j] * axis[j];
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        m[i][j] -= lambda * axis[i] * axis[j];
      }
    }
  }
}
