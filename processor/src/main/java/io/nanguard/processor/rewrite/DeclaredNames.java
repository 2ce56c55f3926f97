package io.nanguard.processor.rewrite;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.HashSet;
import java.util.Set;

/**
 * Every name one method declares: parameters, type parameters, variables (locals, lambda, loop,
 * catch, resource and pattern variables, fields of its anonymous classes) and local classes.
 * Scopes are not tracked, so the set over-approximates what is in scope at any one point.
 */
public final class DeclaredNames {

  private DeclaredNames() {}

  /** The names {@code method} declares, its body included. */
  public static Set<String> of(MethodTree method) {
    Set<String> names = new HashSet<>();
    method.getParameters().forEach(p -> names.add(p.getName().toString()));
    method.getTypeParameters().forEach(p -> names.add(p.getName().toString()));
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        names.add(node.getName().toString());
        return super.visitVariable(node, unused);
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        names.add(node.getSimpleName().toString());
        return super.visitClass(node, unused);
      }

      @Override
      public Void visitTypeParameter(TypeParameterTree node, Void unused) {
        names.add(node.getName().toString());
        return super.visitTypeParameter(node, unused);
      }
    }.scan(method.getBody(), null);
    return names;
  }
}
