package io.nanguard.processor.analysis;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The paths to the declarations of one round's classes and methods: the guarded methods the
 * processor rewrites, and those the analysis reads (the classes of fields with invariants, the
 * bodies of callees and of private methods' callers). {@link Trees#getPath} searches the whole
 * file from its root for each question, and ends the search by throwing (an {@code Error} whose
 * stack trace javac's scanner makes deep): asked for every callee with a summary, it was a sizeable
 * part of a scan. Here a class's path is searched for once, and the paths of its methods are read
 * off its member list in one walk (a method's path is its class's path, then its tree).
 */
public final class DeclarationPaths {

  private final Trees trees;
  private final Map<TypeElement, Optional<TreePath>> types = new HashMap<>();
  private final Map<TypeElement, Map<Element, TreePath>> methods = new HashMap<>();

  DeclarationPaths(Trees trees) {
    this.trees = trees;
  }

  /** The path to {@code type}'s declaration, or null if it has no source in this compilation. */
  public TreePath of(TypeElement type) {
    return types.computeIfAbsent(type, t -> Optional.ofNullable(trees.getPath(t))).orElse(null);
  }

  /** The path to {@code method}'s declaration, or null if it has no source in this compilation. */
  public TreePath of(ExecutableElement method) {
    return method.getEnclosingElement() instanceof TypeElement owner
        ? methods.computeIfAbsent(owner, this::methodsOf).get(method)
        : null;
  }

  /** The paths of the methods {@code owner} declares, from one walk of its members. */
  private Map<Element, TreePath> methodsOf(TypeElement owner) {
    TreePath typePath = of(owner);
    if (typePath == null || !(typePath.getLeaf() instanceof ClassTree type)) {
      return Map.of();
    }
    Map<Element, TreePath> paths = new HashMap<>();
    for (Tree member : type.getMembers()) {
      if (member instanceof MethodTree) {
        // a member of a class whose members are entered (one of them was asked about): its
        // element is the declaration's symbol, read without attribution
        TreePath path = new TreePath(typePath, member);
        paths.put(trees.getElement(path), path);
      }
    }
    return paths;
  }
}
