package io.nanguard.processor.analysis;

import io.nanguard.ops.api.ApiMethod;
import io.nanguard.ops.api.ApiTable;
import io.nanguard.ops.api.JavaMathApi;
import io.nanguard.ops.api.TensorApi;
import io.nanguard.ops.api.TensorLibraryApi;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The numeric libraries the analysis knows: the two built-in {@link TensorApi} providers
 * ({@code Tensor} and {@code java.lang.Math}) and every provider that {@link ServiceLoader} finds
 * on the processor's class path. Loaded once per processor class loader.
 *
 * <p>A library is looked up by the exact type of a receiver (qualified, or simple while bodies
 * are unattributed): a value whose type no table claims is not a tensor, whatever its methods
 * are called.
 */
public final class Apis {

  /** The libraries, built-ins first. */
  private static final Apis INSTALLED = load(Apis.class.getClassLoader());

  private final List<ApiTable> tables;
  private final List<String> problems;
  private final Set<String> reportable = new HashSet<>();

  private Apis(List<ApiTable> tables, List<String> problems) {
    this.tables = List.copyOf(tables);
    this.problems = List.copyOf(problems);
    for (ApiTable t : this.tables) {
      t.instanceMethods().forEach(this::addIfReportable);
      t.staticMethods().forEach(this::addIfReportable);
    }
  }

  /**
   * A method a finding can be at: a row with a hazard, or a binary row (whose constant second
   * operand may make it one, {@code pow(x, 0.5)}).
   */
  private void addIfReportable(ApiMethod m) {
    if (m.binary() != null || (m.op() != null && m.op().hazardous())) {
      reportable.add(m.name());
    }
  }

  /** The libraries of this processor's class path. */
  public static Apis installed() {
    return INSTALLED;
  }

  /** The built-in libraries and the providers {@code loader} can see. */
  static Apis load(ClassLoader loader) {
    List<ApiTable> tables = new ArrayList<>(List.of(TensorLibraryApi.TABLE, JavaMathApi.TABLE));
    List<String> problems = new ArrayList<>();
    try {
      for (TensorApi provider : ServiceLoader.load(TensorApi.class, loader)) {
        ApiTable t = provider.table();
        String clash = clash(tables, t);
        if (tables.contains(t)) {
          continue; // a built-in listed again
        }
        if (clash != null) {
          problems.add("tensor API provider " + provider.getClass().getName() + " is ignored: " + clash);
        } else {
          tables.add(t);
        }
      }
    } catch (ServiceConfigurationError e) {
      problems.add("a tensor API provider could not be loaded: " + e.getMessage());
    }
    return new Apis(tables, problems);
  }

  private static String clash(List<ApiTable> tables, ApiTable t) {
    for (ApiTable other : tables) {
      for (String type : t.instanceTypes()) {
        if (other != t && other.isInstanceType(type)) {
          return "its type " + type + " is already described by the " + other.name() + " table";
        }
      }
    }
    return null;
  }

  /** Why a provider was not loaded, one sentence each (empty when all were). */
  public List<String> problems() {
    return problems;
  }

  /**
   * Whether a method called {@code name}, in some library, has a row a finding can be at; false
   * means no call of that name can be reported, whatever its receiver.
   */
  public boolean mayReport(String name) {
    return reportable.contains(name);
  }

  /** Every library, built-ins first. */
  public List<ApiTable> all() {
    return tables;
  }

  /** The library whose tensor type is written as {@code typeName}, or null. */
  public ApiTable forInstanceType(String typeName) {
    for (ApiTable t : tables) {
      if (t.isInstanceType(typeName)) {
        return t;
      }
    }
    return null;
  }

  /** The library whose static functions are called on {@code typeName}, or null. */
  public ApiTable forStaticType(String typeName) {
    for (ApiTable t : tables) {
      if (t.isStaticType(typeName)) {
        return t;
      }
    }
    return null;
  }

  /** The library of Java's own scalars ({@code double}, {@code float}, operators, {@code Math}). */
  public static ApiTable scalars() {
    return JavaMathApi.TABLE;
  }
}
