package io.nanguard.processor.analysis;

import com.sun.source.tree.Tree;
import io.nanguard.ops.OpCatalog;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the analysis knows about one numeric API, as data: which type names identify it,
 * and for each method (by name and arity) its {@link Role} and, for elementwise ops, which row of
 * the op catalogue it is. The tables below describe {@code io.nanguard.tensor.Tensor} and
 * {@code java.lang.Math}; another tensor library (DJL's {@code NDArray}, say) is one more table,
 * with no change to the transfer functions, checks or composition patterns.
 */
public final class ApiTable {

  /** {@code io.nanguard.tensor.Tensor}: instance methods on tensors and its static factories. */
  public static final ApiTable TENSOR = new Builder("Tensor", Kind.TENSOR,
      "io.nanguard.tensor.Tensor", "Tensor")
      .unary(OpCatalog.unaryOps().keySet())
      .instance("pow", 1, Role.POW)
      .instance("add", 1, Role.ADD).instance("sub", 1, Role.SUB)
      .instance("mul", 1, Role.MUL).instance("div", 1, Role.DIV)
      .instance("sum", 0, Role.SUM).reduction("sum", 1, Role.SUM).reduction("sum", 2, Role.SUM)
      .instance("mean", 0, Role.MEAN).reduction("mean", 1, Role.MEAN)
      .reduction("max", 1, Role.MAX)
      .reduction("logSumExp", 1, Role.LOG_SUM_EXP)
      .reduction("softmax", 1, Role.SOFTMAX).reduction("logSoftmax", 1, Role.LOG_SOFTMAX)
      .instance("crossEntropy", 1, Role.CROSS_ENTROPY)
      .instance("norm", 0, Role.NORM).reduction("norm", 1, Role.NORM).instance("dist", 1, Role.NORM)
      .instance("cosineSimilarity", 2, Role.COSINE)
      .instance("matmul", 1, Role.MATMUL)
      .instance("clamp", 2, Role.CLAMP).instance("clampMin", 1, Role.CLAMP_MIN)
      .instance("maximum", 1, Role.MAXIMUM).instance("minimum", 1, Role.MINIMUM)
      .instance("reshape", ApiMethod.VARARGS, Role.IDENTITY).instance("unsqueeze", 1, Role.IDENTITY)
      .instance("squeeze", 1, Role.IDENTITY).instance("transpose", 2, Role.IDENTITY)
      .instance("t", 0, Role.IDENTITY).instance("select", 2, Role.IDENTITY)
      .instance("indexSelect", ApiMethod.VARARGS, Role.IDENTITY).instance("detach", 0, Role.IDENTITY)
      .instance("requiresGrad", 1, Role.IDENTITY)
      .scalarResult("item", 0, Role.IDENTITY).scalarResult("get", ApiMethod.VARARGS, Role.IDENTITY)
      .factory("of", ApiMethod.VARARGS, Role.CONSTANT).factory("scalar", 1, Role.FILL)
      .factory("full", ApiMethod.VARARGS, Role.FILL).factory("zeros", ApiMethod.VARARGS, Role.ZEROS)
      .factory("ones", ApiMethod.VARARGS, Role.ONES).factory("arange", 1, Role.ARANGE)
      .factory("randn", ApiMethod.VARARGS, Role.UNKNOWN)
      .build();

  /**
   * {@code java.lang.Math}, {@code StrictMath} and Commons Math's {@code FastMath} (documented as
   * a drop-in replacement with Math's special cases): static functions of doubles.
   */
  public static final ApiTable MATH = new Builder("Math", null,
      "java.lang.Math", "Math", "java.lang.StrictMath", "StrictMath",
      "org.apache.commons.math3.util.FastMath", "FastMath")
      .staticUnary("sqrt", "log", "log1p", "exp", "expm1", "acos", "asin", "abs", "tanh", "sin", "cos")
      .factory("pow", 2, Role.POW, Kind.FLOAT)
      .factory("max", 2, Role.MAXIMUM, Kind.FLOAT).factory("min", 2, Role.MINIMUM, Kind.FLOAT)
      .factory("hypot", 2, Role.NORM, Kind.FLOAT)
      .build();

  /** Java's arithmetic operators, on doubles and ints alike. */
  private static final Map<Tree.Kind, ApiMethod> OPERATORS = Map.of(
      Tree.Kind.PLUS, new ApiMethod("+", 1, Role.ADD, null, -1, Kind.FLOAT),
      Tree.Kind.MINUS, new ApiMethod("-", 1, Role.SUB, null, -1, Kind.FLOAT),
      Tree.Kind.MULTIPLY, new ApiMethod("*", 1, Role.MUL, null, -1, Kind.FLOAT),
      Tree.Kind.DIVIDE, new ApiMethod("/", 1, Role.DIV, null, -1, Kind.FLOAT),
      Tree.Kind.UNARY_MINUS, new ApiMethod("-", 0, Role.UNARY, "neg", -1, Kind.FLOAT));

  /** {@code x * x} for one x: the catalogue's square. */
  public static final ApiMethod SQUARE_OPERATOR = new ApiMethod("*", 1, Role.UNARY, "square", -1, Kind.FLOAT);

  /** Every API the analysis knows. */
  public static final List<ApiTable> ALL = List.of(TENSOR, MATH);

  private final String name;
  private final Kind instanceKind;
  private final Set<String> typeNames;
  private final Map<String, ApiMethod> instanceMethods;
  private final Map<String, ApiMethod> staticMethods;

  private ApiTable(Builder b) {
    this.name = b.name;
    this.instanceKind = b.instanceKind;
    this.typeNames = Set.of(b.typeNames);
    this.instanceMethods = Collections.unmodifiableMap(b.instanceMethods);
    this.staticMethods = Collections.unmodifiableMap(b.staticMethods);
  }

  /** A short name for messages. */
  public String name() {
    return name;
  }

  /** The kind of this API's instances, or null for a class of static functions. */
  public Kind instanceKind() {
    return instanceKind;
  }

  /** Whether a type written as {@code typeName} (simple or qualified) is this API's type. */
  public boolean names(String typeName) {
    return typeNames.contains(typeName);
  }

  /** The instance method called so, or null. */
  public ApiMethod instanceMethod(String method, int arity) {
    return lookup(instanceMethods, method, arity);
  }

  /** The static method called so, or null. */
  public ApiMethod staticMethod(String method, int arity) {
    return lookup(staticMethods, method, arity);
  }

  /** Every instance method (for tests that generate expressions over the table). */
  public Iterable<ApiMethod> instanceMethods() {
    return instanceMethods.values();
  }

  /** The arithmetic operator of this tree kind, or null for other operators. */
  public static ApiMethod operator(Tree.Kind kind) {
    return OPERATORS.get(kind);
  }

  /** The table whose type is written as {@code typeName}, or null. */
  public static ApiTable forType(String typeName) {
    for (ApiTable t : ALL) {
      if (t.names(typeName)) {
        return t;
      }
    }
    return null;
  }

  /** The table whose instances have this kind, or null. */
  public static ApiTable forKind(Kind kind) {
    for (ApiTable t : ALL) {
      if (t.instanceKind == kind) {
        return t;
      }
    }
    return null;
  }

  private static ApiMethod lookup(Map<String, ApiMethod> m, String method, int arity) {
    ApiMethod exact = m.get(ApiMethod.key(method, arity));
    return exact != null ? exact : m.get(ApiMethod.key(method, ApiMethod.VARARGS));
  }

  /** Collects the rows of one table. */
  private static final class Builder {
    private final String name;
    private final Kind instanceKind;
    private final String[] typeNames;
    private final Map<String, ApiMethod> instanceMethods = new LinkedHashMap<>();
    private final Map<String, ApiMethod> staticMethods = new LinkedHashMap<>();

    Builder(String name, Kind instanceKind, String... typeNames) {
      this.name = name;
      this.instanceKind = instanceKind;
      this.typeNames = typeNames;
    }

    Builder unary(Iterable<String> ops) {
      for (String op : ops) {
        put(instanceMethods, new ApiMethod(op, 0, Role.UNARY, op, -1, instanceKind));
      }
      return this;
    }

    Builder staticUnary(String... ops) {
      for (String op : ops) {
        if (OpCatalog.byName(op) == null) {
          throw new IllegalStateException("no catalogue op " + op);
        }
        put(staticMethods, new ApiMethod(op, 1, Role.UNARY, op, -1, Kind.FLOAT));
      }
      return this;
    }

    Builder instance(String method, int arity, Role role) {
      return put(instanceMethods, new ApiMethod(method, arity, role, null, -1, instanceKind));
    }

    /** A reduction whose first argument (operand 1) is the dim. */
    Builder reduction(String method, int arity, Role role) {
      return put(instanceMethods, new ApiMethod(method, arity, role, null, 1, instanceKind));
    }

    Builder scalarResult(String method, int arity, Role role) {
      return put(instanceMethods, new ApiMethod(method, arity, role, null, -1, Kind.FLOAT));
    }

    Builder factory(String method, int arity, Role role) {
      return factory(method, arity, role, instanceKind);
    }

    Builder factory(String method, int arity, Role role, Kind returns) {
      return put(staticMethods, new ApiMethod(method, arity, role, null, -1, returns));
    }

    private Builder put(Map<String, ApiMethod> m, ApiMethod row) {
      m.put(row.key(), row);
      return this;
    }

    ApiTable build() {
      return new ApiTable(this);
    }
  }
}
