package io.nanguard.processor.analysis;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The paths to the declarations the analysis reads (the classes of fields with invariants, the
 * bodies of callees and of private methods' callers), found once per round. {@link Trees#getPath}
 * searches the whole file from its root for each question, and ends the search by throwing (an
 * {@code Error} whose stack trace javac's scanner makes deep): asked for every call with a summary,
 * it was a sizeable part of a scan. Here a class's path is searched for once, and a method's
 * path is its class's path followed by its tree ({@link Trees#getTree}, which searches only
 * the class).
 */
final class DeclarationPaths {

  private final Trees trees;
  private final Map<TypeElement, Optional<TreePath>> types = new HashMap<>();
  private final Map<ExecutableElement, Optional<TreePath>> methods = new HashMap<>();

  DeclarationPaths(Trees trees) {
    this.trees = trees;
  }

  /** The path to {@code type}'s declaration, or null if it has no source in this compilation. */
  TreePath of(TypeElement type) {
    return types.computeIfAbsent(type, t -> Optional.ofNullable(trees.getPath(t))).orElse(null);
  }

  /** The path to {@code method}'s declaration, or null if it has no source in this compilation. */
  TreePath of(ExecutableElement method) {
    return methods.computeIfAbsent(method, this::find).orElse(null);
  }

  private Optional<TreePath> find(ExecutableElement method) {
    TreePath typePath = method.getEnclosingElement() instanceof TypeElement owner ? of(owner) : null;
    // getTree searches only the method's class, and needs no exception to stop
    Tree tree = typePath == null ? null : trees.getTree(method);
    return Optional.ofNullable(tree == null ? null : new TreePath(typePath, tree));
  }
}
