package io.nanguard.processor;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Finds javac's own {@link ProcessingEnvironment} behind the wrappers that build tools put
 * around it (IntelliJ's proxies, Gradle's incremental-processing wrappers), because
 * {@link Trees#instance} accepts only javac's. The wrappers keep the real one in a field, which is
 * found by reflection, as Lombok and other tree-reading processors do.
 */
final class Environments {

  private static final String JAVAC_ENV = "com.sun.tools.javac.processing.JavacProcessingEnvironment";
  private static final int MAX_DEPTH = 8;

  private Environments() {}

  /** javac's Trees for {@code env}, or null on a compiler that has none (Eclipse's ECJ). */
  static Trees trees(ProcessingEnvironment env) {
    try {
      return Trees.instance(unwrap(env));
    } catch (IllegalArgumentException | LinkageError e) {
      return null;
    }
  }

  /** The innermost environment reachable through wrappers (env itself if it wraps nothing). */
  static ProcessingEnvironment unwrap(ProcessingEnvironment env) {
    ProcessingEnvironment current = env;
    for (int depth = 0; depth < MAX_DEPTH && !current.getClass().getName().equals(JAVAC_ENV); depth++) {
      ProcessingEnvironment inner = delegateOf(current);
      if (inner == null || inner == current) {
        break;
      }
      current = inner;
    }
    return current;
  }

  private static ProcessingEnvironment delegateOf(Object wrapper) {
    Object holder = Proxy.isProxyClass(wrapper.getClass()) ? Proxy.getInvocationHandler(wrapper) : wrapper;
    for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (ProcessingEnvironment.class.isAssignableFrom(f.getType()) || f.getType() == Object.class) {
          Object value = read(f, holder);
          if (value instanceof ProcessingEnvironment pe && value != wrapper) {
            return pe;
          }
        }
      }
    }
    return null;
  }

  private static Object read(Field f, Object holder) {
    try {
      f.setAccessible(true);
      return f.get(holder);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // a module that does not open the wrapper's package: nothing to find there
    }
  }
}
