package io.nanguard.processor.rewrite;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The path to every tree of one method body, from one walk: {@link TreePath#getPath} searches
 * the body again for each tree, which made the rewrite quadratic in the number of findings.
 */
final class BodyPaths {

  private final Map<Tree, TreePath> paths = new IdentityHashMap<>();

  BodyPaths(TreePath body) {
    new TreePathScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree != null) {
          paths.put(tree, new TreePath(getCurrentPath(), tree));
        }
        return super.scan(tree, unused);
      }
    }.scan(body, null);
    paths.put(body.getLeaf(), body);
  }

  /** The path to {@code tree}, or null if it is not in the body. */
  TreePath of(Tree tree) {
    return paths.get(tree);
  }
}
