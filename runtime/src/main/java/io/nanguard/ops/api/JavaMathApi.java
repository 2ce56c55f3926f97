package io.nanguard.ops.api;

import io.nanguard.ops.BinaryRows;
import io.nanguard.ops.FloatFormat;
import io.nanguard.ops.OpCatalog;

/**
 * The built-in provider for {@code java.lang.Math}, {@code StrictMath} and Commons Math's
 * {@code FastMath} (documented as a drop-in replacement with Math's special cases): static
 * functions of doubles. Java's own arithmetic operators are not a library and stay in the processor; their
 * guards are this table's guard class too.
 */
public final class JavaMathApi implements TensorApi {

  /** The table. */
  public static final ApiTable TABLE = ApiTable.builder("Math", FloatFormat.FLOAT64, "io.nanguard.guard.Guard")
      .staticTypes("java.lang.Math", "java.lang.StrictMath", "org.apache.commons.math3.util.FastMath")
      .staticUnary("sqrt", OpCatalog.SQRT, Returns.SCALAR)
      .staticUnary("log", OpCatalog.LOG, Returns.SCALAR)
      .staticUnary("log1p", OpCatalog.LOG1P, Returns.SCALAR)
      .staticUnary("exp", OpCatalog.EXP, Returns.SCALAR)
      .staticUnary("expm1", OpCatalog.EXPM1, Returns.SCALAR)
      .staticUnary("acos", OpCatalog.ACOS, Returns.SCALAR)
      .staticUnary("asin", OpCatalog.ASIN, Returns.SCALAR)
      .staticUnary("abs", OpCatalog.ABS, Returns.SCALAR)
      .staticUnary("tanh", OpCatalog.TANH, Returns.SCALAR)
      .staticUnary("sin", OpCatalog.SIN, Returns.SCALAR)
      .staticUnary("cos", OpCatalog.COS, Returns.SCALAR)
      .staticBinary("pow", BinaryRows.POW, Returns.SCALAR)
      .staticMethod("max", 2, Role.MAXIMUM, Returns.SCALAR)
      .staticMethod("min", 2, Role.MINIMUM, Returns.SCALAR)
      .staticMethod("hypot", 2, Role.NORM, Returns.SCALAR)
      .build();

  @Override
  public ApiTable table() {
    return TABLE;
  }
}
