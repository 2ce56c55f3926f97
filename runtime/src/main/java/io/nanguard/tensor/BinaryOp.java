package io.nanguard.tensor;

/**
 * Forward and backward rules of the broadcasting binary ops, on operands already expanded to the
 * output shape. Each constant has its own loops so the JIT sees one monomorphic, vectorizable
 * body per op.
 */
enum BinaryOp {
  ADD {
    @Override
    double[] forward(double[] a, double[] b) {
      double[] y = new double[a.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = a[i] + b[i];
      }
      return y;
    }

    @Override
    double[][] backward(double[] a, double[] b, double[] y, double[] g) {
      return new double[][] {g, g};
    }
  },
  SUB {
    @Override
    double[] forward(double[] a, double[] b) {
      double[] y = new double[a.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = a[i] - b[i];
      }
      return y;
    }

    @Override
    double[][] backward(double[] a, double[] b, double[] y, double[] g) {
      double[] gb = new double[g.length];
      for (int i = 0; i < g.length; i++) {
        gb[i] = -g[i];
      }
      return new double[][] {g, gb};
    }
  },
  MUL {
    @Override
    double[] forward(double[] a, double[] b) {
      double[] y = new double[a.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = a[i] * b[i];
      }
      return y;
    }

    @Override
    double[][] backward(double[] a, double[] b, double[] y, double[] g) {
      double[] ga = new double[g.length];
      double[] gb = new double[g.length];
      for (int i = 0; i < g.length; i++) {
        ga[i] = g[i] * b[i];
        gb[i] = g[i] * a[i];
      }
      return new double[][] {ga, gb};
    }
  },
  DIV {
    @Override
    double[] forward(double[] a, double[] b) {
      double[] y = new double[a.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = a[i] / b[i];
      }
      return y;
    }

    @Override
    double[][] backward(double[] a, double[] b, double[] y, double[] g) {
      double[] ga = new double[g.length];
      double[] gb = new double[g.length];
      for (int i = 0; i < g.length; i++) {
        ga[i] = g[i] / b[i];
        gb[i] = -g[i] * a[i] / (b[i] * b[i]);
      }
      return new double[][] {ga, gb};
    }
  },
  MAXIMUM {
    @Override
    double[] forward(double[] a, double[] b) {
      double[] y = new double[a.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = Math.max(a[i], b[i]);
      }
      return y;
    }

    @Override
    double[][] backward(double[] a, double[] b, double[] y, double[] g) {
      return split(a, b, g, 1);
    }
  },
  MINIMUM {
    @Override
    double[] forward(double[] a, double[] b) {
      double[] y = new double[a.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = Math.min(a[i], b[i]);
      }
      return y;
    }

    @Override
    double[][] backward(double[] a, double[] b, double[] y, double[] g) {
      return split(a, b, g, -1);
    }
  };

  abstract double[] forward(double[] a, double[] b);

  abstract double[][] backward(double[] a, double[] b, double[] y, double[] g);

  /** Routes the gradient to the winning operand; ties share it evenly (PyTorch's rule). */
  private static double[][] split(double[] a, double[] b, double[] g, int sign) {
    double[] ga = new double[g.length];
    double[] gb = new double[g.length];
    for (int i = 0; i < g.length; i++) {
      double c = Double.compare(a[i], b[i]) * sign;
      if (a[i] == b[i]) {
        ga[i] = g[i] / 2;
        gb[i] = g[i] / 2;
      } else if (c > 0) {
        ga[i] = g[i];
      } else {
        gb[i] = g[i];
      }
    }
    return new double[][] {ga, gb};
  }
}
