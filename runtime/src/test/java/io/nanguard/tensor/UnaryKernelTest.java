package io.nanguard.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nanguard.ops.OpCatalog;
import io.nanguard.ops.OpSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The specialised elementwise loops compute bit for bit what the catalogue row says. */
class UnaryKernelTest {

  static Stream<Object[]> rows() {
    List<Object[]> rows = new ArrayList<>();
    for (OpSpec op : OpCatalog.unaryOps().values()) {
      rows.add(new Object[] {op.name(), op, UnaryKernel.of(op)});
    }
    for (double p : new double[] {2, 3, 0.5, -1}) {
      OpSpec row = OpCatalog.pow(p);
      rows.add(new Object[] {"pow(" + p + ")", row, UnaryKernel.pow(p, row)});
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void kernelAgreesWithTheCatalogueBitForBit(String name, OpSpec op, UnaryKernel kernel) {
    Random r = new Random(7);
    double[] special = {0, -0.0, 1, -1, 1e-300, -1e-300, 700, 710, -745, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE};
    double[] x = new double[special.length + 200];
    System.arraycopy(special, 0, x, 0, special.length);
    for (int i = special.length; i < x.length; i++) {
      x[i] = r.nextGaussian() * Math.pow(10, r.nextInt(7) - 3);
    }
    double[] g = new double[x.length];
    for (int i = 0; i < g.length; i++) {
      g[i] = i % 5 == 0 ? 0 : r.nextGaussian();
    }
    double[] y = new double[x.length];
    double[] gx = new double[x.length];
    kernel.forward(x, y);
    kernel.backward(x, y, g, gx);
    for (int i = 0; i < x.length; i++) {
      double want = op.apply(x[i]);
      assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(y[i]),
          name + " forward at " + x[i] + ": " + y[i] + " vs catalogue " + want);
      double wantGrad = g[i] * op.derivative(x[i], want);
      assertEquals(Double.doubleToLongBits(wantGrad), Double.doubleToLongBits(gx[i]),
          name + " backward at " + x[i] + ": " + gx[i] + " vs catalogue " + wantGrad);
    }
  }
}
