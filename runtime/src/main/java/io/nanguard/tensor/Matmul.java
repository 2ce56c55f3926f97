package io.nanguard.tensor;

import java.util.Arrays;

/** Dense row-major matrix products and transposes for matmul's forward and backward (i-k-j loop order). */
final class Matmul {

  private Matmul() {}

  /**
   * (n x k) times (k x m). The JIT of JDK 17 vectorises {@code c[j] += a * b[j]} only when both
   * arrays are indexed from 0, so the rows of b are split into their own arrays and each row of c
   * is built in a buffer; four rows of b per pass quarter the loads and stores of that buffer.
   */
  static double[] multiply(double[] a, double[] b, int n, int k, int m) {
    double[] c = new double[n * m];
    if (m < 8) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          double s = 0;
          for (int p = 0; p < k; p++) {
            s += a[i * k + p] * b[p * m + j];
          }
          c[i * m + j] = s;
        }
      }
      return c;
    }
    double[][] rows = new double[k][];
    for (int p = 0; p < k; p++) {
      rows[p] = Arrays.copyOfRange(b, p * m, p * m + m);
    }
    double[] ci = new double[m];
    for (int i = 0; i < n; i++) {
      Arrays.fill(ci, 0);
      int ai = i * k;
      int p = 0;
      for (; p + 3 < k; p += 4) {
        double a0 = a[ai + p];
        double a1 = a[ai + p + 1];
        double a2 = a[ai + p + 2];
        double a3 = a[ai + p + 3];
        double[] b0 = rows[p];
        double[] b1 = rows[p + 1];
        double[] b2 = rows[p + 2];
        double[] b3 = rows[p + 3];
        for (int j = 0; j < m; j++) {
          ci[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
        }
      }
      for (; p < k; p++) {
        double a0 = a[ai + p];
        double[] b0 = rows[p];
        for (int j = 0; j < m; j++) {
          ci[j] += a0 * b0[j];
        }
      }
      System.arraycopy(ci, 0, c, i * m, m);
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
    return multiply(transpose(a, n, k), g, k, n, m);
  }
}
