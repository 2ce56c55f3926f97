package io.nanguard.ops.api;

import io.nanguard.ops.BinarySpec;
import io.nanguard.ops.EngineOp;
import io.nanguard.ops.FloatFormat;
import io.nanguard.ops.OpSpec;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Everything NaNGuard's analysis knows about one numeric library, as data: the types whose
 * instances are its tensors, the classes whose static functions it lists, each method (by name
 * and arity) with its {@link Role}, the floating format its values have, and the guard class
 * that generated code calls in place of its unsafe ops. A {@link TensorApi} provider supplies
 * one; {@link #builder} writes one.
 *
 * <p>Types are matched by qualified name and by simple name (the processor reads method bodies
 * before javac attributes them, so a local declared {@code Tensor t} is known by its simple name
 * only).
 */
public final class ApiTable {

  private final String name;
  private final FloatFormat format;
  private final String guardClass;
  private final Set<String> instanceTypes;
  private final Set<String> staticTypes;
  private final Map<String, ApiMethod> instanceMethods;
  private final Map<String, ApiMethod> staticMethods;

  private ApiTable(Builder b) {
    this.name = b.name;
    this.format = b.format;
    this.guardClass = b.guardClass;
    this.instanceTypes = withSimpleNames(b.instanceTypes);
    this.staticTypes = withSimpleNames(b.staticTypes);
    this.instanceMethods = Collections.unmodifiableMap(new LinkedHashMap<>(b.instanceMethods));
    this.staticMethods = Collections.unmodifiableMap(new LinkedHashMap<>(b.staticMethods));
  }

  /**
   * Starts a table.
   *
   * @param name a short name for messages ({@code "Tensor"}, {@code "NDArray"})
   * @param format the floating format of the library's values
   * @param guardClass the qualified name of the class holding the library's guards (see
   *     {@link TensorApi} for the methods it must declare)
   */
  public static Builder builder(String name, FloatFormat format, String guardClass) {
    return new Builder(name, format, guardClass);
  }

  /** A short name for messages. */
  public String name() {
    return name;
  }

  /** The floating format of the library's values. */
  public FloatFormat format() {
    return format;
  }

  /** The qualified name of the guard class generated code calls. */
  public String guardClass() {
    return guardClass;
  }

  /** Whether the library has tensor instances (false for a class of static functions like {@code Math}). */
  public boolean hasInstances() {
    return !instanceTypes.isEmpty();
  }

  /** Whether a type written as {@code typeName} (simple or qualified) is this library's tensor type. */
  public boolean isInstanceType(String typeName) {
    return instanceTypes.contains(typeName);
  }

  /** Whether {@code typeName} (simple or qualified) is a class whose static functions this table lists. */
  public boolean isStaticType(String typeName) {
    return staticTypes.contains(typeName);
  }

  /** The qualified names of the tensor types. */
  public Set<String> instanceTypes() {
    return Collections.unmodifiableSet(instanceTypes);
  }

  /** The instance method called so, or null. */
  public ApiMethod instanceMethod(String method, int arity) {
    return lookup(instanceMethods, method, arity);
  }

  /** The static method called so, or null. */
  public ApiMethod staticMethod(String method, int arity) {
    return lookup(staticMethods, method, arity);
  }

  /** Every instance method row. */
  public Collection<ApiMethod> instanceMethods() {
    return instanceMethods.values();
  }

  /** Every static method row. */
  public Collection<ApiMethod> staticMethods() {
    return staticMethods.values();
  }

  @Override
  public String toString() {
    return name;
  }

  private static ApiMethod lookup(Map<String, ApiMethod> m, String method, int arity) {
    ApiMethod exact = m.get(ApiMethod.key(method, arity));
    return exact != null ? exact : m.get(ApiMethod.key(method, ApiMethod.VARARGS));
  }

  private static Set<String> withSimpleNames(Set<String> qualified) {
    Set<String> names = new LinkedHashSet<>(qualified);
    for (String q : qualified) {
      names.add(q.substring(q.lastIndexOf('.') + 1));
    }
    return Collections.unmodifiableSet(names);
  }

  /** Collects the rows of one table; each method returns the builder. */
  public static final class Builder {
    private final String name;
    private final FloatFormat format;
    private final String guardClass;
    private final Set<String> instanceTypes = new LinkedHashSet<>();
    private final Set<String> staticTypes = new LinkedHashSet<>();
    private final Map<String, ApiMethod> instanceMethods = new LinkedHashMap<>();
    private final Map<String, ApiMethod> staticMethods = new LinkedHashMap<>();

    private Builder(String name, FloatFormat format, String guardClass) {
      this.name = require(name, "name");
      this.format = require(format, "format");
      this.guardClass = require(guardClass, "guardClass");
    }

    /** The qualified names of the library's tensor types (an interface and its implementations, say). */
    public Builder instanceTypes(String... qualifiedNames) {
      instanceTypes.addAll(java.util.List.of(qualifiedNames));
      return this;
    }

    /** The qualified names of classes whose static functions {@link #staticMethod} lists. */
    public Builder staticTypes(String... qualifiedNames) {
      staticTypes.addAll(java.util.List.of(qualifiedNames));
      return this;
    }

    /** {@code x.<row name>()} for each row: the library names its elementwise methods as the catalogue does. */
    public Builder unary(Collection<OpSpec> rows) {
      for (OpSpec row : rows) {
        unary(row.name(), row);
      }
      return this;
    }

    /** {@code x.<method>()} computes the catalogue row elementwise. */
    public Builder unary(String method, OpSpec row) {
      return put(instanceMethods, new ApiMethod(method, 0, Role.UNARY, row, null, -1, Returns.TENSOR));
    }

    /** {@code Owner.<method>(x)} computes the catalogue row elementwise (a static function). */
    public Builder staticUnary(String method, OpSpec row, Returns returns) {
      return put(staticMethods, new ApiMethod(method, 1, Role.UNARY, row, null, -1, returns));
    }

    /** {@code a.<row name>(b)} for each row: the library names its binary methods as the catalogue does. */
    public Builder binary(Collection<BinarySpec> rows) {
      for (BinarySpec row : rows) {
        binary(row.name(), row);
      }
      return this;
    }

    /** {@code a.<method>(b)} computes the binary catalogue row elementwise. */
    public Builder binary(String method, BinarySpec row) {
      return put(instanceMethods, new ApiMethod(method, 1, Role.of(row), null, row, -1, Returns.TENSOR));
    }

    /** {@code Owner.<method>(a, b)} computes the binary catalogue row elementwise (a static function). */
    public Builder staticBinary(String method, BinarySpec row, Returns returns) {
      return put(staticMethods, new ApiMethod(method, 2, Role.of(row), null, row, -1, returns));
    }

    /** An instance method returning a tensor. */
    public Builder instance(String method, int arity, Role role) {
      return put(instanceMethods, new ApiMethod(method, arity, role, -1, Returns.TENSOR));
    }

    /**
     * An instance method that runs an engine op whose output copies input elements
     * ({@link io.nanguard.ops.Flow#COPIES}: reshape, select...): to the analysis the same values,
     * {@link Role#IDENTITY}, derived from the op's flow so the two cannot disagree.
     */
    public Builder copying(String method, int arity, EngineOp op) {
      if (!op.flow().copiesForward()) {
        throw new IllegalArgumentException(name + "." + method + ": " + op.name() + " does not copy its input");
      }
      return instance(method, arity, Role.IDENTITY);
    }

    /** An instance method whose operand {@code dimArg} (receiver = 0) is an axis, returning a tensor. */
    public Builder reduction(String method, int arity, Role role, int dimArg) {
      return put(instanceMethods, new ApiMethod(method, arity, role, dimArg, Returns.TENSOR));
    }

    /** An instance method returning a scalar ({@code item()}). */
    public Builder scalarResult(String method, int arity, Role role) {
      return put(instanceMethods, new ApiMethod(method, arity, role, -1, Returns.SCALAR));
    }

    /** A static function of a {@link #staticTypes static type}. */
    public Builder staticMethod(String method, int arity, Role role, Returns returns) {
      return put(staticMethods, new ApiMethod(method, arity, role, -1, returns));
    }

    /** Any row, as written. */
    public Builder row(boolean isStatic, ApiMethod row) {
      return put(isStatic ? staticMethods : instanceMethods, row);
    }

    /** The table. */
    public ApiTable build() {
      return new ApiTable(this);
    }

    private Builder put(Map<String, ApiMethod> m, ApiMethod row) {
      if (m.putIfAbsent(row.key(), row) != null) {
        throw new IllegalStateException(name + ": two rows for " + row.key());
      }
      return this;
    }

    private static <T> T require(T value, String what) {
      if (value == null) {
        throw new IllegalArgumentException("ApiTable: " + what + " must be given");
      }
      return value;
    }
  }
}
