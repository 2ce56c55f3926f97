package io.nanguard.tensor;

/**
 * The hand-written {@link BinaryKernel}s of the arithmetic binary ops. Each constant has its own
 * loops so the JIT sees one monomorphic body per op.
 */
enum BinaryOp implements BinaryKernel {
  ADD {
    @Override
    public void forward(double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int n) {
      for (int i = 0; i < n; i++) {
        y[yo + i] = a[ao + i * as] + b[bo + i * bs];
      }
    }

    @Override
    public void backward(double[] g, int go, double[] a, int ao, int as, double[] b, int bo, int bs, double[] ga,
        double[] gb, int n) {
      if (ga != null) {
        accumulate(g, go, ga, ao, as, n, 1);
      }
      if (gb != null) {
        accumulate(g, go, gb, bo, bs, n, 1);
      }
    }
  },
  SUB {
    @Override
    public void forward(double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int n) {
      for (int i = 0; i < n; i++) {
        y[yo + i] = a[ao + i * as] - b[bo + i * bs];
      }
    }

    @Override
    public void backward(double[] g, int go, double[] a, int ao, int as, double[] b, int bo, int bs, double[] ga,
        double[] gb, int n) {
      if (ga != null) {
        accumulate(g, go, ga, ao, as, n, 1);
      }
      if (gb != null) {
        accumulate(g, go, gb, bo, bs, n, -1);
      }
    }
  },
  MUL {
    @Override
    public void forward(double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int n) {
      for (int i = 0; i < n; i++) {
        y[yo + i] = a[ao + i * as] * b[bo + i * bs];
      }
    }

    @Override
    public void backward(double[] g, int go, double[] a, int ao, int as, double[] b, int bo, int bs, double[] ga,
        double[] gb, int n) {
      if (ga != null) {
        for (int i = 0; i < n; i++) {
          ga[ao + i * as] += g[go + i] * b[bo + i * bs];
        }
      }
      if (gb != null) {
        for (int i = 0; i < n; i++) {
          gb[bo + i * bs] += g[go + i] * a[ao + i * as];
        }
      }
    }
  },
  DIV {
    @Override
    public void forward(double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int n) {
      for (int i = 0; i < n; i++) {
        y[yo + i] = a[ao + i * as] / b[bo + i * bs];
      }
    }

    @Override
    public void backward(double[] g, int go, double[] a, int ao, int as, double[] b, int bo, int bs, double[] ga,
        double[] gb, int n) {
      if (ga != null) {
        for (int i = 0; i < n; i++) {
          ga[ao + i * as] += g[go + i] / b[bo + i * bs];
        }
      }
      if (gb != null) {
        for (int i = 0; i < n; i++) {
          double bv = b[bo + i * bs];
          gb[bo + i * bs] += -g[go + i] * a[ao + i * as] / (bv * bv);
        }
      }
    }
  },
  MAXIMUM {
    @Override
    public void forward(double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int n) {
      for (int i = 0; i < n; i++) {
        y[yo + i] = Math.max(a[ao + i * as], b[bo + i * bs]);
      }
    }

    @Override
    public void backward(double[] g, int go, double[] a, int ao, int as, double[] b, int bo, int bs, double[] ga,
        double[] gb, int n) {
      split(g, go, a, ao, as, b, bo, bs, ga, gb, n, 1);
    }
  },
  MINIMUM {
    @Override
    public void forward(double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int n) {
      for (int i = 0; i < n; i++) {
        y[yo + i] = Math.min(a[ao + i * as], b[bo + i * bs]);
      }
    }

    @Override
    public void backward(double[] g, int go, double[] a, int ao, int as, double[] b, int bo, int bs, double[] ga,
        double[] gb, int n) {
      split(g, go, a, ao, as, b, bo, bs, ga, gb, n, -1);
    }
  };

  /**
   * The whole gradient of an operand that was not broadcast (its length is the output's), when
   * the op passes the output gradient through unchanged or negated; null otherwise. Saves the
   * zeroed array and the accumulation for the commonest case, x + y of equal shapes.
   */
  @Override
  public double[] unbroadcast(double[] g, int operand, int operandLength) {
    if (operandLength != g.length || (this != ADD && this != SUB)) {
      return null;
    }
    if (this == ADD || operand == 0) {
      return g;
    }
    double[] neg = new double[g.length];
    for (int i = 0; i < g.length; i++) {
      neg[i] = -g[i];
    }
    return neg;
  }

  private static void accumulate(double[] g, int go, double[] dst, int off, int stride, int n, double sign) {
    if (stride == 0) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += g[go + i];
      }
      dst[off] += sign * s;
    } else {
      for (int i = 0; i < n; i++) {
        dst[off + i] += sign * g[go + i];
      }
    }
  }

  /**
   * Routes the gradient to the winning operand (the larger for sign 1, the smaller for -1); ties
   * share it evenly, as PyTorch does for maximum and minimum.
   */
  private static void split(double[] g, int go, double[] a, int ao, int as, double[] b, int bo, int bs, double[] ga,
      double[] gb, int n, int sign) {
    for (int i = 0; i < n; i++) {
      double d = sign * (a[ao + i * as] - b[bo + i * bs]);
      double gi = g[go + i];
      double toA = d > 0 ? gi : d < 0 ? 0 : gi / 2;
      double toB = d < 0 ? gi : d > 0 ? 0 : gi / 2;
      if (ga != null) {
        ga[ao + i * as] += toA;
      }
      if (gb != null) {
        gb[bo + i * bs] += toB;
      }
    }
  }
}
