package io.nanguard.processor.analysis;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import java.util.function.Predicate;

/** Whether a tree holds a node of some shape: one scan, stopped at the first match. */
final class TreeSearch {

  private TreeSearch() {}

  /** Whether {@code root} or one of its nodes satisfies {@code test}. */
  static boolean any(Tree root, Predicate<Tree> test) {
    Boolean found = new TreeScanner<Boolean, Void>() {
      @Override
      public Boolean scan(Tree t, Void p) {
        return t != null && test.test(t) ? Boolean.TRUE : super.scan(t, p);
      }

      @Override
      public Boolean reduce(Boolean a, Boolean b) {
        return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
      }
    }.scan(root, null);
    return Boolean.TRUE.equals(found);
  }
}
