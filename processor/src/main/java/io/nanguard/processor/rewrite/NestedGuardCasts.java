package io.nanguard.processor.rewrite;

import com.palantir.javapoet.TypeName;
import com.sun.source.util.TreePath;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Keeps javac's time on deeply nested guard calls linear. A guard call that is an argument of
 * another guard call and itself has one as an argument ({@code sqrt(sqrt(sqrt(x)))}: the middle
 * ones) is written with a cast to its own type: javac attributes a cast argument once, but
 * re-attributes a method-call argument for each overload of the enclosing {@code Guard} method,
 * level after level (5,000 nested {@code Math.sqrt} took javac over twice the original's time in
 * the generated class). Two-level nests ({@code Guard.divisor(Guard.log(x, ..), ..)}), nearly all
 * real code, are written as before.
 */
final class NestedGuardCasts {

  private NestedGuardCasts() {}

  /**
   * Marks the middle calls of nests among {@code replacements}; {@code targets} gives each guard
   * call's target, typed by {@code resolution}. A call whose type is not known exactly stays
   * without a cast (the code is the same, only slower to compile).
   */
  static void mark(List<Replacement> replacements, Map<Replacement.GuardCall, TreePath> targets,
      Resolution resolution, Types types) {
    List<Replacement.GuardCall> calls = replacements.stream()
        .filter(r -> r instanceof Replacement.GuardCall)
        .map(r -> (Replacement.GuardCall) r)
        .sorted(Comparator.<Replacement.GuardCall>comparingInt(r -> r.start).thenComparing(r -> -r.end))
        .toList();
    Deque<Replacement.GuardCall> enclosing = new ArrayDeque<>();
    for (int i = 0; i < calls.size(); i++) {
      Replacement.GuardCall call = calls.get(i);
      while (!enclosing.isEmpty() && !enclosing.peek().contains(call)) {
        enclosing.pop();
      }
      boolean nested = !enclosing.isEmpty();
      boolean nests = i + 1 < calls.size() && call.contains(calls.get(i + 1));
      if (nested && nests && !call.isCast()) {
        TypeName type = typeOf(targets.get(call), resolution, types);
        if (type != null) {
          call.castTo(type);
        }
      }
      enclosing.push(call);
    }
  }

  private static TypeName typeOf(TreePath target, Resolution resolution, Types types) {
    if (target == null) {
      return null;
    }
    TypeMirror type;
    try {
      type = resolution.type(target);
    } catch (Unresolvable e) {
      return null;
    }
    if (type == null) {
      return null;
    }
    if (type.getKind() == TypeKind.DOUBLE) {
      return TypeName.DOUBLE;
    }
    return type instanceof DeclaredType d && d.getTypeArguments().isEmpty() ? TypeName.get(types.erasure(d)) : null;
  }
}
