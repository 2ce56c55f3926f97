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
        .sorted(Comparator.<Replacement>comparingInt(r -> r.start).thenComparing(r -> -r.end)
            .thenComparing(r -> r.wrapsItsTarget() ? 0 : 1))
        .toList();
    this.dedent = dedent;
  }

  /**
   * Renders [start, end): the outermost replacements inside it, and the text between them.
   * {@code within} is the replacement whose argument this span is (null for the body): a divisor
   * guard's argument is its own target, so it must not render itself again, while a guard of the
   * same expression (sorted after it) nests inside it.
   */
  void render(CodeBlock.Builder out, int start, int end, Replacement within) {
    int pos = start;
    // Jumps over the replacements nested in one just rendered (a binary search, not a scan), so
    // deeply nested guards render in n log n rather than n^2.
    for (int i = firstStartingAt(pos); i < replacements.size() && replacements.get(i).start < end; ) {
      Replacement r = replacements.get(i);
      if (r == within || r.end > end) {
        i++; // itself, or past the end
        continue;
      }
      copy(out, pos, r.start);
      r.render(out, this);
      pos = r.end;
      i = Math.max(i + 1, firstStartingAt(pos));
    }
    copy(out, pos, end);
  }

  /** The index of the first replacement that starts at or after {@code pos}. */
  private int firstStartingAt(int pos) {
    int lo = 0;
    int hi = replacements.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (replacements.get(mid).start < pos) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private void copy(CodeBlock.Builder out, int from, int to) {
    if (from >= to) {
      return;
    }
    StringBuilder sb = new StringBuilder(to - from);
    boolean lineStart = from == 0 || isLineEnd(source.charAt(from - 1));
    int skipped = 0;
    for (int i = from; i < to; i++) {
      char c = source.charAt(i);
      if (c == '\r' && i + 1 < source.length() && source.charAt(i + 1) == '\n') {
        continue; // \r\n: the \n ends the line
      }
      if (isLineEnd(c)) {
        c = '\n'; // a lone \r (legal Java) ends a line too; the generated file uses \n
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

  private static boolean isLineEnd(char c) {
    return c == '\n' || c == '\r';
  }

  /** The smallest indentation of the non-blank lines that start inside [from, to). */
  static int commonIndent(CharSequence source, int from, int to) {
    int min = Integer.MAX_VALUE;
    int i = from;
    while (i < to) {
      int lineEnd = i;
      while (lineEnd < to && !isLineEnd(source.charAt(lineEnd))) {
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
