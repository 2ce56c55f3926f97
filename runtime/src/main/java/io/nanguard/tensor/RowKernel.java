package io.nanguard.tensor;

import io.nanguard.ops.BinarySpec;

/**
 * The kernel of a binary catalogue row: forward and both partials come from the row, so a new
 * binary op needs no kernel of its own. Backward recomputes y from (a, b), as the row's partials
 * may read it.
 */
final class RowKernel implements BinaryKernel {

  private final BinarySpec row;

  RowKernel(BinarySpec row) {
    this.row = row;
  }

  @Override
  public void forward(double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int n) {
    for (int i = 0; i < n; i++) {
      y[yo + i] = row.apply(a[ao + i * as], b[bo + i * bs]);
    }
  }

  @Override
  public void backward(double[] g, int go, double[] a, int ao, int as, double[] b, int bo, int bs, double[] ga,
      double[] gb, int n) {
    for (int i = 0; i < n; i++) {
      double av = a[ao + i * as];
      double bv = b[bo + i * bs];
      double y = row.apply(av, bv);
      if (ga != null) {
        ga[ao + i * as] += g[go + i] * row.partialA().at(av, bv, y);
      }
      if (gb != null) {
        gb[bo + i * bs] += g[go + i] * row.partialB().at(av, bv, y);
      }
    }
  }
}
