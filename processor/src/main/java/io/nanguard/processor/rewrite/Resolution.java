package io.nanguard.processor.rewrite;

import com.sun.source.util.TreePath;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * What the rewriter needs to know about the trees of a guarded body: the element a name denotes
 * and whether an expression is {@code float}. Either javac's attribution answers
 * ({@link AttributedResolution}) or the source alone does ({@link SyntacticResolution}).
 */
interface Resolution {

  /** The element an identifier, member select or {@code new} expression denotes, as {@code Trees.getElement} gives it. */
  Element element(TreePath path);

  /** Whether the expression's type is {@code float}. */
  boolean isFloat(TreePath path);

  /** The static type of an expression. */
  TypeMirror type(TreePath path);

  /** The type that declares the method a call invokes (null if none). */
  TypeElement owner(TreePath call);
}
