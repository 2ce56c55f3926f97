package io.nanguard.processor.testapi;

import io.nanguard.ops.FloatFormat;
import io.nanguard.ops.OpCatalog;
import io.nanguard.ops.api.ApiMethod;
import io.nanguard.ops.api.ApiTable;
import io.nanguard.ops.api.Returns;
import io.nanguard.ops.api.Role;
import io.nanguard.ops.api.TensorApi;

/**
 * The {@link Vec} library described to NaNGuard: registered in this module's test resources
 * ({@code META-INF/services/io.nanguard.ops.api.TensorApi}), found by the processor with
 * {@link java.util.ServiceLoader}.
 */
public final class VecApi implements TensorApi {

  static final ApiTable TABLE = ApiTable.builder("Vec", FloatFormat.FLOAT32, VecGuard.class.getName())
      .instanceTypes(Vec.class.getName())
      .staticTypes(Vec.class.getName(), VecMath.class.getName())
      .unary("sqrt", OpCatalog.SQRT)
      .unary("ln", OpCatalog.LOG)
      .unary("exp", OpCatalog.EXP)
      .unary("square", OpCatalog.SQUARE)
      .unary("acos", OpCatalog.ACOS)
      .instance("pow", 1, Role.POW)
      .instance("add", 1, Role.ADD).instance("sub", 1, Role.SUB)
      .instance("mul", 1, Role.MUL).instance("div", 1, Role.DIV)
      .instance("sum", 0, Role.SUM)
      .staticMethod("of", ApiMethod.VARARGS, Role.CONSTANT, Returns.TENSOR)
      .staticUnary("sigmoid", OpCatalog.SIGMOID, Returns.TENSOR)
      .build();

  @Override
  public ApiTable table() {
    return TABLE;
  }
}
