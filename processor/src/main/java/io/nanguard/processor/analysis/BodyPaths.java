package io.nanguard.processor.analysis;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The path to every tree of one method body, from one walk: {@link TreePath#getPath} searches
 * the body (or the whole file) again for each tree, which made the rewrite quadratic in the
 * number of findings and each overload question of the analysis a search of the file.
 */
public final class BodyPaths {

  private final Map<Tree, TreePath> paths = new IdentityHashMap<>();

  public BodyPaths(TreePath body) {
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
  public TreePath of(Tree tree) {
    return paths.get(tree);
  }
}
