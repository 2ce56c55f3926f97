package io.nanguard.tensor;

/** Dense row-major matrix products for matmul's forward and backward (i-k-j loop order). */
final class Matmul {

  private Matmul() {}

  /** (n x k) times (k x m). */
  static double[] multiply(double[] a, double[] b, int n, int k, int m) {
    double[] c = new double[n * m];
    for (int i = 0; i < n; i++) {
      int ci = i * m;
      for (int p = 0; p < k; p++) {
        double av = a[i * k + p];
        int bp = p * m;
        for (int j = 0; j < m; j++) {
          c[ci + j] += av * b[bp + j];
        }
      }
    }
    return c;
  }

  /** (n x m) times the transpose of (k x m): the gradient of the left operand. */
  static double[] multiplyTransposedB(double[] g, double[] b, int n, int m, int k) {
    double[] c = new double[n * k];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < k; p++) {
        double s = 0;
        int gi = i * m;
        int bp = p * m;
        for (int j = 0; j < m; j++) {
          s += g[gi + j] * b[bp + j];
        }
        c[i * k + p] = s;
      }
    }
    return c;
  }

  /** The transpose of (n x k) times (n x m): the gradient of the right operand. */
  static double[] multiplyTransposedA(double[] a, double[] g, int n, int k, int m) {
    double[] c = new double[k * m];
    for (int i = 0; i < n; i++) {
      int gi = i * m;
      for (int p = 0; p < k; p++) {
        double av = a[i * k + p];
        int cp = p * m;
        for (int j = 0; j < m; j++) {
          c[cp + j] += av * g[gi + j];
        }
      }
    }
    return c;
  }
}
