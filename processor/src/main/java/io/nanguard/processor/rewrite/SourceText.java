package io.nanguard.processor.rewrite;

import com.palantir.javapoet.CodeBlock;
import java.util.Comparator;
import java.util.List;

/**
 * The original source of one method body with its replacement spans: renders any span of it as
 * JavaPoet code, copying untouched text verbatim (comments and formatting included) and shifting
 * it left by the body's common indentation, which JavaPoet re-adds at its own depth.
 */
final class SourceText {

  private final CharSequence source;
  private final List<Replacement> replacements;
  private final int dedent;

  SourceText(CharSequence source, List<Replacement> replacements, int dedent) {
    this.source = source;
    this.replacements = replacements.stream()
        .sorted(Comparator.<Replacement>comparingInt(r -> r.start).thenComparing(r -> -r.end))
        .toList();
    this.dedent = dedent;
  }

  /** Renders [start, end): the outermost replacements inside it, and the text between them. */
  void render(CodeBlock.Builder out, int start, int end) {
    render(out, start, end, null);
  }

  /**
   * Renders [start, end) as an argument of {@code owner}: a divisor fix's argument is the very
   * span the fix replaces, so the owner itself is skipped there instead of recursing forever.
   */
  void render(CodeBlock.Builder out, int start, int end, Replacement owner) {
    int pos = start;
    for (Replacement r : replacements) {
      if (r == owner || r.start < pos || r.end > end) {
        continue; // before the span, nested in one already rendered, or past the end
      }
      copy(out, pos, r.start);
      r.render(out, this);
      pos = r.end;
    }
    copy(out, pos, end);
  }

  private void copy(CodeBlock.Builder out, int from, int to) {
    if (from >= to) {
      return;
    }
    StringBuilder sb = new StringBuilder(to - from);
    boolean lineStart = from == 0 || source.charAt(from - 1) == '\n';
    int skipped = 0;
    for (int i = from; i < to; i++) {
      char c = source.charAt(i);
      if (c == '\r') {
        continue;
      }
      if (c == '\n') {
        lineStart = true;
        skipped = 0;
        sb.append(c);
      } else if (lineStart && skipped < dedent && (c == ' ' || c == '\t')) {
        skipped++;
      } else {
        lineStart = false;
        sb.append(c);
      }
    }
    out.add("$L", sb);
  }

  /** The smallest indentation of the non-blank lines that start inside [from, to). */
  static int commonIndent(CharSequence source, int from, int to) {
    int min = Integer.MAX_VALUE;
    int i = from;
    while (i < to) {
      int lineEnd = i;
      while (lineEnd < to && source.charAt(lineEnd) != '\n') {
        lineEnd++;
      }
      int indent = 0;
      while (i + indent < lineEnd && (source.charAt(i + indent) == ' ' || source.charAt(i + indent) == '\t')) {
        indent++;
      }
      if (i + indent < lineEnd) {
        min = Math.min(min, indent);
      }
      i = lineEnd + 1;
    }
    return min == Integer.MAX_VALUE ? 0 : min;
  }
}
