package io.nanguard.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Forward values of every op at inputs where the answer is known by hand (shape and elements). */
class ForwardValuesTest {

  private static final double LN2 = Math.log(2);
  private static final double LN3 = Math.log(3);
  private static final double PI = Math.PI;

  record Row(String name, Supplier<Tensor> actual, int[] shape, double[] expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Tensor v(double... x) {
    return Tensor.of(x);
  }

  private static Tensor m(int rows, double... x) {
    return Tensor.of(x, rows, x.length / rows);
  }

  private static int[] s(int... d) {
    return d;
  }

  private static double[] e(double... x) {
    return x;
  }

  static Stream<Arguments> rows() {
    List<Row> t = new ArrayList<>();
    // creation
    t.add(new Row("of", () -> Tensor.of(e(1, 2, 3, 4, 5, 6), 2, 3), s(2, 3), e(1, 2, 3, 4, 5, 6)));
    t.add(new Row("scalar", () -> Tensor.scalar(2.5), s(), e(2.5)));
    t.add(new Row("zeros", () -> Tensor.zeros(2, 1), s(2, 1), e(0, 0)));
    t.add(new Row("ones", () -> Tensor.ones(3), s(3), e(1, 1, 1)));
    t.add(new Row("full", () -> Tensor.full(-1.5, 1, 2), s(1, 2), e(-1.5, -1.5)));
    t.add(new Row("arange", () -> Tensor.arange(4), s(4), e(0, 1, 2, 3)));
    // elementwise
    t.add(new Row("neg", () -> v(-1, 0, 2).neg(), s(3), e(1, 0, -2)));
    t.add(new Row("abs", () -> v(-1, 0, 0.5).abs(), s(3), e(1, 0, 0.5)));
    t.add(new Row("square", () -> v(-3, 0, 0.5).square(), s(3), e(9, 0, 0.25)));
    t.add(new Row("sqrt", () -> v(0, 0.25, 9).sqrt(), s(3), e(0, 0.5, 3)));
    t.add(new Row("rsqrt", () -> v(0.25, 4, 1).rsqrt(), s(3), e(2, 0.5, 1)));
    t.add(new Row("reciprocal", () -> v(-2, 0.5, 4).reciprocal(), s(3), e(-0.5, 2, 0.25)));
    t.add(new Row("exp", () -> v(0, 1, LN2).exp(), s(3), e(1, Math.E, 2)));
    t.add(new Row("expm1", () -> v(0, LN2).expm1(), s(2), e(0, 1)));
    t.add(new Row("log", () -> v(1, Math.E, 0.5).log(), s(3), e(0, 1, -LN2)));
    t.add(new Row("log1p", () -> v(0, Math.E - 1).log1p(), s(2), e(0, 1)));
    t.add(new Row("sigmoid", () -> v(0, LN3, -LN3).sigmoid(), s(3), e(0.5, 0.75, 0.25)));
    t.add(new Row("tanh", () -> v(0, LN2).tanh(), s(2), e(0, 0.6)));
    t.add(new Row("relu", () -> v(-1, 0, 2).relu(), s(3), e(0, 0, 2)));
    t.add(new Row("softplus", () -> v(0, LN3, 800).softplus(), s(3), e(LN2, 2 * LN2, 800)));
    t.add(new Row("logSigmoid", () -> v(0, -LN3, -800).logSigmoid(), s(3), e(-LN2, -2 * LN2, -800)));
    t.add(new Row("sin", () -> v(0, PI / 2, PI / 6).sin(), s(3), e(0, 1, 0.5)));
    t.add(new Row("cos", () -> v(0, PI, PI / 3).cos(), s(3), e(1, -1, 0.5)));
    t.add(new Row("acos", () -> v(1, 0, -1, 0.5).acos(), s(4), e(0, PI / 2, PI, PI / 3)));
    t.add(new Row("asin", () -> v(0, 1, 0.5).asin(), s(3), e(0, PI / 2, PI / 6)));
    t.add(new Row("pow(3)", () -> v(-2, 0.5).pow(3), s(2), e(-8, 0.125)));
    t.add(new Row("pow(0.5)", () -> v(4, 0).pow(0.5), s(2), e(2, 0)));
    t.add(new Row("pow(-1)", () -> v(4, -0.5).pow(-1), s(2), e(0.25, -2)));
    t.add(new Row("pow(0) is 1 even at 0", () -> v(0, 5).pow(0), s(2), e(1, 1)));
    t.add(new Row("clamp inclusive", () -> v(-3, -1, 0.5, 1, 7).clamp(-1, 1), s(5), e(-1, -1, 0.5, 1, 1)));
    t.add(new Row("clampMin", () -> v(-2, 3).clampMin(0), s(2), e(0, 3)));
    // binary with broadcasting
    t.add(new Row("add row", () -> m(2, 1, 2, 3, 4).add(v(10, 20)), s(2, 2), e(11, 22, 13, 24)));
    t.add(new Row("sub outer", () -> m(2, 1, 2).sub(v(10, 20)), s(2, 2), e(-9, -19, -8, -18)));
    t.add(new Row("mul column", () -> m(2, 1, 2, 3, 4).mul(m(2, 2, 3)), s(2, 2), e(2, 4, 9, 12)));
    t.add(new Row("div", () -> v(6, 8).div(v(3, -4)), s(2), e(2, -2)));
    t.add(new Row("div scalar tensor", () -> v(6, 8).div(Tensor.scalar(4)), s(2), e(1.5, 2)));
    t.add(new Row("maximum", () -> v(1, 5, 3).maximum(v(2, 4, 3)), s(3), e(2, 5, 3)));
    t.add(new Row("minimum", () -> v(1, 5, 3).minimum(v(2, 4, 3)), s(3), e(1, 4, 3)));
    t.add(new Row("add(double)", () -> v(1, 2).add(0.5), s(2), e(1.5, 2.5)));
    t.add(new Row("sub(double)", () -> v(1, 2).sub(0.5), s(2), e(0.5, 1.5)));
    t.add(new Row("mul(double)", () -> v(1, 2).mul(-2), s(2), e(-2, -4)));
    t.add(new Row("div(double)", () -> v(1, 2).div(4), s(2), e(0.25, 0.5)));
    // reductions
    t.add(new Row("sum()", () -> m(2, 1, 2, 3, 4, 5, 6).sum(), s(), e(21)));
    t.add(new Row("sum(0)", () -> m(2, 1, 2, 3, 4, 5, 6).sum(0), s(3), e(5, 7, 9)));
    t.add(new Row("sum(1)", () -> m(2, 1, 2, 3, 4, 5, 6).sum(1), s(2), e(6, 15)));
    t.add(new Row("sum(-1, keepDim)", () -> m(2, 1, 2, 3, 4, 5, 6).sum(-1, true), s(2, 1), e(6, 15)));
    t.add(new Row("sum(0, keepDim)", () -> m(2, 1, 2, 3, 4, 5, 6).sum(0, true), s(1, 3), e(5, 7, 9)));
    t.add(new Row("sum(1) of 3-D", () -> Tensor.of(e(1, 2, 3, 4, 5, 6, 7, 8), 2, 2, 2).sum(1), s(2, 2),
        e(4, 6, 12, 14)));
    t.add(new Row("mean()", () -> m(2, 1, 2, 3, 4, 5, 6).mean(), s(), e(3.5)));
    t.add(new Row("mean(0)", () -> m(2, 1, 2, 3, 4, 5, 6).mean(0), s(3), e(2.5, 3.5, 4.5)));
    t.add(new Row("mean(1)", () -> m(2, 1, 2, 3, 4, 5, 6).mean(1), s(2), e(2, 5)));
    t.add(new Row("max(1)", () -> m(2, 1, 5, 2, 7, 0, 3).max(1), s(2), e(5, 7)));
    t.add(new Row("max(0)", () -> m(2, 1, 5, 2, 7, 0, 3).max(0), s(3), e(7, 5, 3)));
    t.add(new Row("logSumExp(1)", () -> m(2, 0, 0, 0, LN3).logSumExp(1), s(2), e(LN2, 2 * LN2)));
    t.add(new Row("logSumExp stable at 1000", () -> m(1, 1000, 1000).logSumExp(1), s(1), e(1000 + LN2)));
    t.add(new Row("logSumExp max in the last odd slot", () -> m(1, -1000, -1000, 0).logSumExp(1), s(1), e(0)));
    t.add(new Row("logSumExp(0)", () -> m(2, 0, 0, LN3, 0).logSumExp(0), s(2), e(2 * LN2, LN2)));
    t.add(new Row("softmax(1)", () -> m(1, 0, LN3).softmax(1), s(1, 2), e(0.25, 0.75)));
    t.add(new Row("softmax stable at 1000", () -> m(1, 1000, 1000 + LN3).softmax(1), s(1, 2), e(0.25, 0.75)));
    t.add(new Row("softmax(0)", () -> m(2, 0, 1, LN3, 1).softmax(0), s(2, 2), e(0.25, 0.5, 0.75, 0.5)));
    t.add(new Row("logSoftmax(1)", () -> m(1, 0, LN3).logSoftmax(1), s(1, 2), e(-2 * LN2, Math.log(0.75))));
    t.add(new Row("norm()", () -> m(2, 3, 0, 0, 4).norm(), s(), e(5)));
    t.add(new Row("norm(1)", () -> m(2, 3, 4, 0, 0).norm(1), s(2), e(5, 0)));
    t.add(new Row("norm(0)", () -> m(2, 3, 0, 4, 1).norm(0), s(2), e(5, 1)));
    t.add(new Row("dist", () -> v(1, 1).dist(v(4, 5)), s(), e(5)));
    t.add(new Row("dist broadcasting", () -> m(2, 1, 1, 1, 1).dist(v(4, 5)), s(), e(Math.sqrt(50))));
    t.add(new Row("cosineSimilarity(1)", () -> m(3, 1, 0, 1, 1, 0, 0).cosineSimilarity(m(3, 0, 1, 2, 2, 1, 1), 1),
        s(3), e(0, 1, 0)));
    t.add(new Row("cosineSimilarity(0)", () -> m(2, 1, 3, 0, 4).cosineSimilarity(m(2, 2, 3, 0, 4), 0), s(2),
        e(1, 1)));
    // shape
    t.add(new Row("reshape", () -> v(1, 2, 3, 4, 5, 6).reshape(3, 2), s(3, 2), e(1, 2, 3, 4, 5, 6)));
    t.add(new Row("reshape(-1, 2)", () -> v(1, 2, 3, 4).reshape(-1, 2), s(2, 2), e(1, 2, 3, 4)));
    t.add(new Row("unsqueeze(0)", () -> v(1, 2).unsqueeze(0), s(1, 2), e(1, 2)));
    t.add(new Row("unsqueeze(-1)", () -> v(1, 2).unsqueeze(-1), s(2, 1), e(1, 2)));
    t.add(new Row("squeeze(0)", () -> m(1, 1, 2).squeeze(0), s(2), e(1, 2)));
    t.add(new Row("transpose", () -> m(2, 1, 2, 3, 4, 5, 6).transpose(0, 1), s(3, 2), e(1, 4, 2, 5, 3, 6)));
    t.add(new Row("transpose 3-D", () -> Tensor.of(e(1, 2, 3, 4, 5, 6, 7, 8), 2, 2, 2).transpose(0, 2),
        s(2, 2, 2), e(1, 5, 3, 7, 2, 6, 4, 8)));
    t.add(new Row("t", () -> m(2, 1, 2, 3, 4, 5, 6).t(), s(3, 2), e(1, 4, 2, 5, 3, 6)));
    t.add(new Row("t of 1-D", () -> v(1, 2).t(), s(2), e(1, 2)));
    t.add(new Row("matmul 2x2", () -> m(2, 1, 2, 3, 4).matmul(m(2, 5, 6, 7, 8)), s(2, 2), e(19, 22, 43, 50)));
    t.add(new Row("matmul 2-D x 1-D", () -> m(2, 1, 2, 3, 4).matmul(v(1, 1)), s(2), e(3, 7)));
    t.add(new Row("matmul 1-D x 2-D", () -> v(1, 1).matmul(m(2, 1, 2, 3, 4)), s(2), e(4, 6)));
    t.add(new Row("matmul 1-D x 1-D", () -> v(1, 2, 3).matmul(v(4, 5, 6)), s(), e(32)));
    t.add(new Row("matmul 2x3 x 3x1", () -> m(2, 1, 2, 3, 4, 5, 6).matmul(m(3, 1, 0, -1)), s(2, 1), e(-2, -2)));
    t.add(new Row("select(0, 1)", () -> m(2, 1, 2, 3, 4).select(0, 1), s(2), e(3, 4)));
    t.add(new Row("select(1, -1)", () -> m(2, 1, 2, 3, 4).select(1, -1), s(2), e(2, 4)));
    t.add(new Row("indexSelect(0)", () -> m(2, 1, 2, 3, 4).indexSelect(0, 1, 1, 0), s(3, 2), e(3, 4, 3, 4, 1, 2)));
    t.add(new Row("indexSelect(1)", () -> m(2, 1, 2, 3, 4).indexSelect(1, 1), s(2, 1), e(2, 4)));
    t.add(new Row("detach", () -> v(1, 2).requiresGrad(true).mul(2).detach(), s(2), e(2, 4)));
    return t.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void forwardValueIsTheHandComputedOne(Row row) {
    Tensor actual = row.actual().get();
    assertArrayEquals(row.shape(), actual.shape(), row.name() + ": shape");
    assertArrayEquals(row.expected(), actual.toArray(), 1e-12, row.name() + ": values");
  }
}
