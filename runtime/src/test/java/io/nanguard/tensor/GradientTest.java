package io.nanguard.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every differentiable op of the Tensor API against central finite differences in float64, at
 * seeded random inputs drawn away from the op's kinks. The output is reduced with random weights,
 * so every output element's gradient path is exercised, not only their sum.
 */
class GradientTest {

  private static final double H = 1e-6;
  private static final double ATOL = 1e-6;
  private static final double RTOL = 1e-5;

  /** Where inputs are drawn: uniform in [lo, hi], optionally with |x| >= 0.2 (away from 0). */
  record Sampler(double lo, double hi, boolean awayFromZero) {
    double draw(Random r) {
      while (true) {
        double x = lo + (hi - lo) * r.nextDouble();
        if (!awayFromZero || Math.abs(x) >= 0.2) {
          return x;
        }
      }
    }
  }

  static final Sampler ANY = new Sampler(-2, 2, false);
  static final Sampler NONZERO = new Sampler(-2, 2, true);
  static final Sampler POSITIVE = new Sampler(0.3, 2.5, false);
  static final Sampler UNIT = new Sampler(-0.8, 0.8, false);

  /** One row of the table: a function of the inputs, their shapes and where they are drawn. */
  record Case(String name, Sampler sampler, int[][] shapes, Function<Tensor[], Tensor> fn) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case c(String name, Sampler s, Function<Tensor[], Tensor> fn, int[]... shapes) {
    return new Case(name, s, shapes, fn);
  }

  private static int[] s(int... dims) {
    return dims;
  }

  static Stream<Arguments> cases() {
    List<Case> t = new ArrayList<>();
    // elementwise
    t.add(c("neg", ANY, x -> x[0].neg(), s(3, 4)));
    t.add(c("abs", NONZERO, x -> x[0].abs(), s(3, 4)));
    t.add(c("square", ANY, x -> x[0].square(), s(3, 4)));
    t.add(c("sqrt", POSITIVE, x -> x[0].sqrt(), s(3, 4)));
    t.add(c("rsqrt", POSITIVE, x -> x[0].rsqrt(), s(3, 4)));
    t.add(c("reciprocal", NONZERO, x -> x[0].reciprocal(), s(3, 4)));
    t.add(c("exp", ANY, x -> x[0].exp(), s(3, 4)));
    t.add(c("expm1", ANY, x -> x[0].expm1(), s(3, 4)));
    t.add(c("log", POSITIVE, x -> x[0].log(), s(3, 4)));
    t.add(c("log1p", new Sampler(-0.7, 2, false), x -> x[0].log1p(), s(3, 4)));
    t.add(c("sigmoid", ANY, x -> x[0].sigmoid(), s(3, 4)));
    t.add(c("tanh", ANY, x -> x[0].tanh(), s(3, 4)));
    t.add(c("relu", NONZERO, x -> x[0].relu(), s(3, 4)));
    t.add(c("softplus", ANY, x -> x[0].softplus(), s(3, 4)));
    t.add(c("logSigmoid", ANY, x -> x[0].logSigmoid(), s(3, 4)));
    t.add(c("sin", ANY, x -> x[0].sin(), s(3, 4)));
    t.add(c("cos", ANY, x -> x[0].cos(), s(3, 4)));
    t.add(c("acos", UNIT, x -> x[0].acos(), s(3, 4)));
    t.add(c("asin", UNIT, x -> x[0].asin(), s(3, 4)));
    for (double p : new double[] {2, 3, 0.5, 1.5, -1, -2, -0.5, 0}) {
      t.add(c("pow(" + p + ") positive base", POSITIVE, x -> x[0].pow(p), s(3, 4)));
    }
    for (double p : new double[] {2, 3, -1, -3}) {
      t.add(c("pow(" + p + ") any-sign base", NONZERO, x -> x[0].pow(p), s(3, 4)));
    }
    t.add(c("clamp(-0.5, 0.7)", ANY, x -> x[0].clamp(-0.5, 0.7), s(4, 5)));
    t.add(c("clampMin(0.1)", ANY, x -> x[0].clampMin(0.1), s(4, 5)));
    // binary, with broadcasting in several shapes
    int[][][] pairs = {{s(3, 4), s(3, 4)}, {s(3, 4), s(4)}, {s(3, 1), s(1, 4)}, {s(2, 3, 4), s(3, 1)},
        {s(), s(2, 3)}, {s(4), s(2, 3, 4)}, {s(2, 1, 4), s(3, 1)}};
    for (int[][] p : pairs) {
      String shapes = " " + str(p[0]) + " with " + str(p[1]);
      t.add(c("add" + shapes, ANY, x -> x[0].add(x[1]), p));
      t.add(c("sub" + shapes, ANY, x -> x[0].sub(x[1]), p));
      t.add(c("mul" + shapes, ANY, x -> x[0].mul(x[1]), p));
      t.add(c("div" + shapes, NONZERO, x -> x[0].div(x[1]), p));
      t.add(c("maximum" + shapes, ANY, x -> x[0].maximum(x[1]), p));
      t.add(c("minimum" + shapes, ANY, x -> x[0].minimum(x[1]), p));
    }
    t.add(c("add(double)", ANY, x -> x[0].add(0.7), s(3, 4)));
    t.add(c("sub(double)", ANY, x -> x[0].sub(0.7), s(3, 4)));
    t.add(c("mul(double)", ANY, x -> x[0].mul(-1.3), s(3, 4)));
    t.add(c("div(double)", ANY, x -> x[0].div(-1.3), s(3, 4)));
    // reductions
    t.add(c("sum()", ANY, x -> x[0].sum(), s(3, 4)));
    t.add(c("sum(0)", ANY, x -> x[0].sum(0), s(3, 4)));
    t.add(c("sum(1)", ANY, x -> x[0].sum(1), s(3, 4)));
    t.add(c("sum(-1)", ANY, x -> x[0].sum(-1), s(2, 3, 4)));
    t.add(c("sum(1) of 3-D", ANY, x -> x[0].sum(1), s(2, 3, 4)));
    t.add(c("sum(1, keepDim)", ANY, x -> x[0].sum(1, true), s(2, 3, 4)));
    t.add(c("sum(0, keepDim) broadcast back", ANY, x -> x[0].sub(x[0].sum(0, true)).square(), s(3, 4)));
    t.add(c("mean()", ANY, x -> x[0].mean(), s(3, 4)));
    t.add(c("mean(0)", ANY, x -> x[0].mean(0), s(3, 4)));
    t.add(c("mean(1) of 3-D", ANY, x -> x[0].mean(1), s(2, 3, 4)));
    t.add(c("max(0)", ANY, x -> x[0].max(0), s(5, 4)));
    t.add(c("max(1)", ANY, x -> x[0].max(1), s(2, 5, 3)));
    t.add(c("logSumExp(0)", ANY, x -> x[0].logSumExp(0), s(4, 3)));
    t.add(c("logSumExp(1)", ANY, x -> x[0].logSumExp(1), s(2, 4, 3)));
    t.add(c("logSumExp(1) odd length", ANY, x -> x[0].logSumExp(1), s(3, 5)));
    t.add(c("softmax(0)", ANY, x -> x[0].softmax(0), s(4, 3)));
    t.add(c("softmax(-1)", ANY, x -> x[0].softmax(-1), s(2, 3, 4)));
    t.add(c("logSoftmax(1)", ANY, x -> x[0].logSoftmax(1), s(3, 5)));
    t.add(c("logSoftmax(1) of 3-D", ANY, x -> x[0].logSoftmax(1), s(2, 4, 3)));
    t.add(c("crossEntropy", ANY, x -> x[0].crossEntropy(new int[] {2, 0, 4, 2}), s(4, 5)));
    t.add(c("crossEntropy, fast path at large logits", new Sampler(-300, 300, false),
        x -> x[0].crossEntropy(new int[] {1, 0, 2}), s(3, 3)));
    t.add(c("crossEntropy, exact path beyond exp's window", new Sampler(-1000, 1000, false),
        x -> x[0].crossEntropy(new int[] {1, 0, 2}), s(3, 3)));
    t.add(c("norm()", ANY, x -> x[0].norm(), s(3, 4)));
    t.add(c("norm(0)", ANY, x -> x[0].norm(0), s(3, 4)));
    t.add(c("norm(1) of 3-D", ANY, x -> x[0].norm(1), s(2, 3, 4)));
    t.add(c("dist", ANY, x -> x[0].dist(x[1]), s(3, 4), s(3, 4)));
    t.add(c("dist broadcasting", ANY, x -> x[0].dist(x[1]), s(3, 4), s(4)));
    t.add(c("cosineSimilarity(1)", ANY, x -> x[0].cosineSimilarity(x[1], 1), s(3, 4), s(3, 4)));
    t.add(c("cosineSimilarity(0) broadcasting", ANY, x -> x[0].cosineSimilarity(x[1], 0), s(4, 3), s(4, 1)));
    // matmul in every 1-D / 2-D combination
    t.add(c("matmul 2-D x 2-D", ANY, x -> x[0].matmul(x[1]), s(3, 4), s(4, 5)));
    t.add(c("matmul 2-D x 1-D", ANY, x -> x[0].matmul(x[1]), s(3, 4), s(4)));
    t.add(c("matmul 1-D x 2-D", ANY, x -> x[0].matmul(x[1]), s(4), s(4, 5)));
    t.add(c("matmul 1-D x 1-D", ANY, x -> x[0].matmul(x[1]), s(4), s(4)));
    t.add(c("matmul blocked kernel 3x10 x 10x9", ANY, x -> x[0].matmul(x[1]), s(3, 10), s(10, 9)));
    t.add(c("matmul blocked kernel 9x8 x 8x12", ANY, x -> x[0].matmul(x[1]), s(9, 8), s(8, 12)));
    // shape
    t.add(c("reshape", ANY, x -> x[0].reshape(4, 3).mul(x[1]), s(2, 6), s(4, 3)));
    t.add(c("reshape(-1)", ANY, x -> x[0].reshape(-1).mul(x[1]), s(2, 6), s(12)));
    t.add(c("unsqueeze", ANY, x -> x[0].unsqueeze(1).mul(x[1]), s(3), s(3, 4)));
    t.add(c("squeeze", ANY, x -> x[0].squeeze(1).mul(x[1]), s(3, 1), s(3)));
    t.add(c("transpose(0, 2)", ANY, x -> x[0].transpose(0, 2).mul(x[1]), s(2, 3, 4), s(4, 3, 2)));
    t.add(c("t", ANY, x -> x[0].t().matmul(x[1]), s(3, 4), s(3, 2)));
    t.add(c("select(0, 1)", ANY, x -> x[0].select(0, 1), s(3, 4)));
    t.add(c("select(1, -1) of 3-D", ANY, x -> x[0].select(1, -1), s(2, 3, 4)));
    t.add(c("indexSelect with repeats", ANY, x -> x[0].indexSelect(0, 2, 0, 2, 1), s(3, 4)));
    t.add(c("indexSelect(1)", ANY, x -> x[0].indexSelect(1, 3, 3, 0), s(2, 4)));
    // one tensor used in several places of the graph
    t.add(c("reuse x*x + exp(x) + x", ANY, x -> x[0].mul(x[0]).add(x[0].exp()).add(x[0]), s(3, 4)));
    t.add(c("reuse through views", ANY,
        x -> x[0].t().matmul(x[0]).add(x[0].sum(0).unsqueeze(0)).tanh(), s(3, 3)));
    t.add(c("seed loss with eps inside", ANY, GradientTest::seedLoss, s(6, 3)));
    return t.stream().map(Arguments::of);
  }

  /** The SPEC's motivating loss in its safe form: a realistic composition of many ops. */
  private static Tensor seedLoss(Tensor[] x) {
    Tensor v = x[0];
    Tensor e = v.indexSelect(0, 0, 1, 2, 3, 4, 5);
    Tensor d1 = v.select(0, 0).unsqueeze(0).sub(e).pow(2).add(1e-8).sum(1).sqrt();
    Tensor d2 = v.select(0, -1).unsqueeze(0).sub(e).pow(2).add(1e-8).sum(1).sqrt();
    return d1.add(d2).sub(v.select(0, 0).dist(v.select(0, -1))).abs().mean();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gradientMatchesCentralDifferences(Case c) {
    Random random = new Random(c.name().hashCode());
    Tensor[] inputs = new Tensor[c.shapes().length];
    for (int i = 0; i < inputs.length; i++) {
      Tensor t = Tensor.zeros(c.shapes()[i]);
      double[] d = t.data();
      for (int j = 0; j < d.length; j++) {
        d[j] = c.sampler().draw(random);
      }
      inputs[i] = t.requiresGrad(true);
    }
    Tensor out = c.fn().apply(inputs);
    Tensor weights = Tensor.randn(random, out.shape());
    out.mul(weights).sum().backward();

    for (int i = 0; i < inputs.length; i++) {
      double[] d = inputs[i].data();
      double[] numeric = new double[d.length];
      for (int j = 0; j < d.length; j++) {
        double saved = d[j];
        d[j] = saved + H;
        double plus = weighted(c.fn().apply(inputs), weights);
        d[j] = saved - H;
        double minus = weighted(c.fn().apply(inputs), weights);
        d[j] = saved;
        numeric[j] = (plus - minus) / (2 * H);
      }
      assertNotNull(inputs[i].grad(), c.name() + ": input " + i + " got no gradient");
      double[] analytic = inputs[i].grad().toArray();
      assertArrayEquals(inputs[i].shape(), inputs[i].grad().shape(), c.name() + ": gradient shape");
      for (int j = 0; j < d.length; j++) {
        double tol = ATOL + RTOL * Math.abs(numeric[j]);
        assertTrue(Math.abs(analytic[j] - numeric[j]) <= tol, c.name() + ": input " + i + " element " + j
            + " analytic " + analytic[j] + " vs numeric " + numeric[j]);
      }
    }
  }

  private static double weighted(Tensor out, Tensor weights) {
    double[] o = out.toArray();
    double[] w = weights.toArray();
    double s = 0;
    for (int i = 0; i < o.length; i++) {
      s += o[i] * w[i];
    }
    return s;
  }

  private static String str(int[] shape) {
    return java.util.Arrays.toString(shape);
  }
}
