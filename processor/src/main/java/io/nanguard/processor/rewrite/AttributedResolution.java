package io.nanguard.processor.rewrite;

import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Answers from javac's attribution. During annotation processing the trees are not attributed
 * yet, so the first question attributes the whole class (and javac attributes it again after the
 * round): always right, but the costly path, taken when {@link SyntacticResolution} cannot answer.
 */
final class AttributedResolution implements Resolution {

  private final Trees trees;

  AttributedResolution(Trees trees) {
    this.trees = trees;
  }

  @Override
  public Element element(TreePath path) {
    return trees.getElement(path);
  }

  @Override
  public TypeMirror type(TreePath path) {
    TypeMirror type = trees.getTypeMirror(path);
    if (type == null) {
      trees.getElement(path); // attributes the class, if nothing has yet
      type = trees.getTypeMirror(path);
    }
    return type;
  }

  @Override
  public TypeElement owner(TreePath call) {
    return trees.getElement(call) instanceof ExecutableElement m && m.getEnclosingElement() instanceof TypeElement t
        ? t : null;
  }

  @Override
  public boolean isFloat(TreePath path) {
    // getTypeMirror only reads the attributed type: the scanner's element() calls attributed the class.
    TypeMirror type = trees.getTypeMirror(path);
    return type != null && type.getKind() == TypeKind.FLOAT;
  }
}
