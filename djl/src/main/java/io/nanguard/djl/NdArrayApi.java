package io.nanguard.djl;

import io.nanguard.ops.BinaryRows;
import io.nanguard.ops.FloatFormat;
import io.nanguard.ops.OpCatalog;
import io.nanguard.ops.api.ApiMethod;
import io.nanguard.ops.api.ApiTable;
import io.nanguard.ops.api.Returns;
import io.nanguard.ops.api.Role;
import io.nanguard.ops.api.TensorApi;

/**
 * DJL's {@code NDArray} described to NaNGuard's compile-time analysis: found by the processor
 * with {@link java.util.ServiceLoader} when this module is on the processor path (it is listed
 * in {@code META-INF/services/io.nanguard.ops.api.TensorApi}). Types are named, not referenced,
 * so the table loads without DJL on the processor path.
 *
 * <p>DJL's own signatures: axes are {@code int[]} ({@code sum(new int[] {1})}, with an optional
 * {@code keepDims}), scalars are {@code Number}s ({@code add(1e-8f)}), {@code norm()} and
 * {@code norm(int[])} are norms (gradient 0 at 0, as in PyTorch), {@code clip(min, max)},
 * {@code maximum}/{@code minimum}, {@code softmax(axis)}, {@code logSoftmax(axis)}, and the
 * static {@code Activation.sigmoid(x)}. Values are float32, DJL's default.
 */
public final class NdArrayApi implements TensorApi {

  /** The table. */
  public static final ApiTable TABLE = ApiTable.builder("NDArray", FloatFormat.FLOAT32, NdGuard.class.getName())
      .instanceTypes("ai.djl.ndarray.NDArray")
      .staticTypes("ai.djl.nn.Activation")
      .unary("sqrt", OpCatalog.SQRT).unary("log", OpCatalog.LOG).unary("log2", OpCatalog.LOG2)
      .unary("log10", OpCatalog.LOG10).unary("exp", OpCatalog.EXP)
      .unary("acos", OpCatalog.ACOS).unary("asin", OpCatalog.ASIN)
      .unary("abs", OpCatalog.ABS).unary("neg", OpCatalog.NEG).unary("square", OpCatalog.SQUARE)
      .unary("sin", OpCatalog.SIN).unary("cos", OpCatalog.COS).unary("tanh", OpCatalog.TANH)
      .instance("pow", 1, Role.POW).binary("atan2", BinaryRows.ATAN2)
      .instance("add", 1, Role.ADD).instance("sub", 1, Role.SUB)
      .instance("mul", 1, Role.MUL).instance("div", 1, Role.DIV)
      .instance("sum", 0, Role.SUM).reduction("sum", 1, Role.SUM, 1).reduction("sum", 2, Role.SUM, 1)
      .instance("mean", 0, Role.MEAN).reduction("mean", 1, Role.MEAN, 1).reduction("mean", 2, Role.MEAN, 1)
      .reduction("max", 1, Role.MAX, 1).reduction("max", 2, Role.MAX, 1)
      .reduction("softmax", 1, Role.SOFTMAX, 1).reduction("logSoftmax", 1, Role.LOG_SOFTMAX, 1)
      .instance("norm", 0, Role.NORM).reduction("norm", 1, Role.NORM, 1).reduction("norm", 2, Role.NORM, 1)
      .instance("clip", 2, Role.CLAMP)
      .instance("maximum", 1, Role.MAXIMUM).instance("minimum", 1, Role.MINIMUM)
      .instance("matMul", 1, Role.MATMUL)
      .instance("get", ApiMethod.VARARGS, Role.IDENTITY).instance("reshape", ApiMethod.VARARGS, Role.IDENTITY)
      .instance("transpose", ApiMethod.VARARGS, Role.IDENTITY).instance("squeeze", ApiMethod.VARARGS, Role.IDENTITY)
      .instance("expandDims", 1, Role.IDENTITY).instance("stopGradient", 0, Role.IDENTITY)
      .instance("flatten", 0, Role.IDENTITY).instance("duplicate", 0, Role.IDENTITY)
      .scalarResult("getFloat", ApiMethod.VARARGS, Role.IDENTITY)
      .staticUnary("sigmoid", OpCatalog.SIGMOID, Returns.TENSOR)
      .staticUnary("softPlus", OpCatalog.SOFTPLUS, Returns.TENSOR)
      .staticUnary("relu", OpCatalog.RELU, Returns.TENSOR)
      .staticUnary("tanh", OpCatalog.TANH, Returns.TENSOR)
      .build();

  @Override
  public ApiTable table() {
    return TABLE;
  }
}
