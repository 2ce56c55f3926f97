package io.nanguard.ops;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a catalogue row is declared: the class and the public constant holding it
 * ({@code OpCatalog.LOGIT}, {@code BinaryRows.ATAN2}), so generated code can pass the row itself
 * to a generic guard.
 *
 * @param holder the class declaring the constant
 * @param field the constant's name
 */
public record RowConstant(Class<?> holder, String field) {

  /** The row tables: every class whose public constants are catalogue rows. */
  private static final class Index {
    static final Map<EngineOp, RowConstant> ALL = index(OpCatalog.class, BinaryRows.class);
  }

  /** The constant holding {@code row}, or null for a row made on demand. */
  static RowConstant of(EngineOp row) {
    return Index.ALL.get(row);
  }

  /** The public static final constants of type {@code type} in {@code holder}, with their names, in declaration order. */
  static <T> Map<T, String> declaredIn(Class<?> holder, Class<T> type) {
    Map<T, String> m = new LinkedHashMap<>();
    for (Field f : holder.getDeclaredFields()) {
      int mods = f.getModifiers();
      if (f.getType() == type && Modifier.isPublic(mods) && Modifier.isStatic(mods) && Modifier.isFinal(mods)) {
        try {
          m.put(type.cast(f.get(null)), f.getName());
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return Collections.unmodifiableMap(m);
  }

  private static Map<EngineOp, RowConstant> index(Class<?>... holders) {
    Map<EngineOp, RowConstant> m = new IdentityHashMap<>();
    for (Class<?> holder : holders) {
      declaredIn(holder, OpSpec.class).forEach((row, field) -> m.put(row, new RowConstant(holder, field)));
      declaredIn(holder, BinarySpec.class).forEach((row, field) -> m.put(row, new RowConstant(holder, field)));
    }
    return Collections.unmodifiableMap(m);
  }
}
