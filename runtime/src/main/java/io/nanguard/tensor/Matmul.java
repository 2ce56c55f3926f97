package io.nanguard.tensor;

/** Dense row-major matrix products and transposes for matmul's forward and backward (i-k-j loop order). */
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

  /**
   * (n x m) times the transpose of (k x m): the gradient of the left operand. Transposing first
   * turns the dot products (a reduction the JIT will not vectorise) into the i-k-j loop.
   */
  static double[] multiplyTransposedB(double[] g, double[] b, int n, int m, int k) {
    return multiply(g, transpose(b, k, m), n, m, k);
  }

  /** The transpose of a row-major (rows x cols) matrix. */
  static double[] transpose(double[] a, int rows, int cols) {
    double[] t = new double[a.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = a[i * cols + j];
      }
    }
    return t;
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
