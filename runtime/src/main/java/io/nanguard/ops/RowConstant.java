package io.nanguard.ops;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
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

  /** A public static final constant of a row table: the row and the constant's name. */
  record Declared<T>(T row, String field) {}

  /**
   * The public static final constants of type {@code type} in {@code holder}, with their names, in
   * declaration order. A list, not a map keyed by row: hashing a row would hash every component of
   * the record (its lambdas included), and the first such hash in a JVM bootstraps
   * {@code ObjectMethods}, whose method-handle classes cost the processor's javac more than the
   * whole table (see docs/design.md, "Compile-time cost").
   */
  static <T> List<Declared<T>> declaredIn(Class<?> holder, Class<T> type) {
    List<Declared<T>> out = new ArrayList<>();
    for (Field f : holder.getDeclaredFields()) {
      int mods = f.getModifiers();
      if (f.getType() == type && Modifier.isPublic(mods) && Modifier.isStatic(mods) && Modifier.isFinal(mods)) {
        try {
          out.add(new Declared<>(type.cast(f.get(null)), f.getName()));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return List.copyOf(out);
  }

  private static Map<EngineOp, RowConstant> index(Class<?>... holders) {
    Map<EngineOp, RowConstant> m = new IdentityHashMap<>();
    for (Class<?> holder : holders) {
      for (Class<? extends EngineOp> type : List.of(OpSpec.class, BinarySpec.class)) {
        for (Declared<? extends EngineOp> d : declaredIn(holder, type)) {
          m.put(d.row(), new RowConstant(holder, d.field()));
        }
      }
    }
    return Collections.unmodifiableMap(m);
  }
}
