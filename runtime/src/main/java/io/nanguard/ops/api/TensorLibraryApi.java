package io.nanguard.ops.api;

import io.nanguard.ops.BinaryRows;
import io.nanguard.ops.FloatFormat;
import io.nanguard.ops.OpCatalog;
import io.nanguard.ops.TensorOps;

/**
 * The built-in provider for {@code io.nanguard.tensor.Tensor} (float64): its instance methods
 * and its static factories. Every catalogue row, unary ({@code x.sqrt()}) or binary
 * ({@code a.atan2(b)}), is a {@code Tensor} method of the same name, so a new row is analysed as
 * soon as it exists.
 */
public final class TensorLibraryApi implements TensorApi {

  /** The table. */
  public static final ApiTable TABLE = ApiTable.builder("Tensor", FloatFormat.FLOAT64, "io.nanguard.guard.Guard")
      .instanceTypes("io.nanguard.tensor.Tensor")
      .staticTypes("io.nanguard.tensor.Tensor")
      .unary(OpCatalog.unaryOps().values())
      .binary(BinaryRows.rows().values())
      .instance("add", 1, Role.ADD).instance("sub", 1, Role.SUB)
      .instance("mul", 1, Role.MUL)
      .instance("sum", 0, Role.SUM).reduction("sum", 1, Role.SUM, 1).reduction("sum", 2, Role.SUM, 1)
      .instance("mean", 0, Role.MEAN).reduction("mean", 1, Role.MEAN, 1)
      .reduction("max", 1, Role.MAX, 1)
      .reduction("logSumExp", 1, Role.LOG_SUM_EXP, 1)
      .reduction("softmax", 1, Role.SOFTMAX, 1).reduction("logSoftmax", 1, Role.LOG_SOFTMAX, 1)
      .instance("crossEntropy", 1, Role.CROSS_ENTROPY)
      .instance("norm", 0, Role.NORM).reduction("norm", 1, Role.NORM, 1).instance("dist", 1, Role.NORM)
      .instance("cosineSimilarity", 2, Role.COSINE)
      .instance("matmul", 1, Role.MATMUL)
      .instance("clamp", 2, Role.CLAMP).instance("clampMin", 1, Role.CLAMP_MIN)
      .instance("maximum", 1, Role.MAXIMUM).instance("minimum", 1, Role.MINIMUM)
      .copying("reshape", ApiMethod.VARARGS, TensorOps.RESHAPE).copying("unsqueeze", 1, TensorOps.UNSQUEEZE)
      .copying("squeeze", 1, TensorOps.SQUEEZE).copying("transpose", 2, TensorOps.TRANSPOSE)
      .copying("t", 0, TensorOps.TRANSPOSE).copying("select", 2, TensorOps.SELECT)
      .copying("indexSelect", ApiMethod.VARARGS, TensorOps.INDEX_SELECT).instance("detach", 0, Role.IDENTITY)
      .instance("requiresGrad", 1, Role.IDENTITY)
      .scalarResult("item", 0, Role.IDENTITY).scalarResult("get", ApiMethod.VARARGS, Role.IDENTITY)
      .staticMethod("of", ApiMethod.VARARGS, Role.CONSTANT, Returns.TENSOR)
      .staticMethod("scalar", 1, Role.FILL, Returns.TENSOR)
      .staticMethod("full", ApiMethod.VARARGS, Role.FILL, Returns.TENSOR)
      .staticMethod("zeros", ApiMethod.VARARGS, Role.ZEROS, Returns.TENSOR)
      .staticMethod("ones", ApiMethod.VARARGS, Role.ONES, Returns.TENSOR)
      .staticMethod("arange", 1, Role.ARANGE, Returns.TENSOR)
      .staticMethod("randn", ApiMethod.VARARGS, Role.UNKNOWN, Returns.TENSOR)
      .build();

  @Override
  public ApiTable table() {
    return TABLE;
  }
}
