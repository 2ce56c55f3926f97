package io.nanguard.processor.rewrite;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.nanguard.ops.RowConstant;
import java.util.List;

/**
 * One span of the original method body whose source text is replaced in the generated body. The
 * spans of one body nest like the trees they come from; everything outside them is copied as is.
 */
abstract sealed class Replacement permits Replacement.TypeName, Replacement.StaticMember, Replacement.GuardCall {

  final int start;
  final int end;

  Replacement(int start, int end) {
    this.start = start;
    this.end = end;
  }

  boolean contains(Replacement other) {
    return start <= other.start && other.end <= end && other != this;
  }

  /** Whether the replacement wraps its whole span (a divisor guard), so same-span ones nest inside. */
  boolean wrapsItsTarget() {
    return false;
  }

  /** Writes the replacement; {@code text} renders a nested span of the original source. */
  abstract void render(CodeBlock.Builder out, SourceText text);

  /**
   * A type named by its simple name in the original file, written as {@code $T} so JavaPoet
   * imports it: the generated file cannot rely on the original file's imports.
   */
  static final class TypeName extends Replacement {
    private final ClassName type;

    TypeName(int start, int end, ClassName type) {
      super(start, end);
      this.type = type;
    }

    @Override
    void render(CodeBlock.Builder out, SourceText text) {
      out.add("$T", type);
    }
  }

  /**
   * A static member reached by simple name through a static import or an enclosing class, which
   * the generated top-level class does not inherit: written qualified, {@code Owner.name}.
   */
  static final class StaticMember extends Replacement {
    private final ClassName owner;
    private final String name;

    StaticMember(int start, int end, ClassName owner, String name) {
      super(start, end);
      this.owner = owner;
      this.name = name;
    }

    @Override
    void render(CodeBlock.Builder out, SourceText text) {
      out.add("$T.$N", owner, name);
    }
  }

  /**
   * An unsafe op replaced by {@code <Guard class>.<method>(<args>, eps, "File.java:line")}. Each
   * argument is rendered from its own source span, so fixes nested inside it compose.
   */
  static final class GuardCall extends Replacement {
    private final ClassName guard;
    private final String method;
    private final RowConstant row;
    private final List<int[]> args;
    private final double eps;
    private final String site;
    private final boolean narrowToFloat;
    private com.palantir.javapoet.TypeName standaloneAs;

    /** {@code row} is the catalogue constant passed first to a generic guard, or null. */
    GuardCall(int start, int end, ClassName guard, String method, RowConstant row, List<int[]> args, double eps,
        String site, boolean narrowToFloat) {
      super(start, end);
      this.guard = guard;
      this.method = method;
      this.row = row;
      this.args = args;
      this.eps = eps;
      this.site = site;
      this.narrowToFloat = narrowToFloat;
    }

    @Override
    boolean wrapsItsTarget() {
      return args.size() == 1 && args.get(0)[0] == start && args.get(0)[1] == end;
    }

    /** Whether the call is written with a cast to its own type ({@code (float)} narrowing is one). */
    boolean isCast() {
      return narrowToFloat || standaloneAs != null;
    }

    /**
     * Writes the call with a cast to {@code type}, its own type: an argument that is a cast is a
     * standalone expression to javac, attributed once, where a method call argument is attributed
     * again for each overload of the enclosing guard call (quadratic time in deep nests).
     */
    void castTo(com.palantir.javapoet.TypeName type) {
      standaloneAs = type;
    }

    @Override
    void render(CodeBlock.Builder out, SourceText text) {
      if (narrowToFloat) {
        out.add("(float) ");
      } else if (standaloneAs != null) {
        out.add("($T) ", standaloneAs);
      }
      out.add("$T.$N(", guard, method);
      if (row != null) {
        out.add("$T.$N, ", ClassName.get(row.holder()), row.field());
      }
      for (int[] arg : args) {
        text.render(out, arg[0], arg[1], this);
        out.add(", ");
      }
      out.add("$L, $S)", eps, site);
    }
  }
}
