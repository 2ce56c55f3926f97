package io.nanguard.processor.rewrite;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables one method declares (parameters, locals, lambda, loop, catch, resource and
 * pattern variables), by name. Scopes are not tracked: a name declared anywhere in the method is
 * treated as a variable everywhere in it, which is why a name that is also a field or a type is
 * left to javac. Refuses bodies with local or anonymous classes and method references, whose
 * names javac resolves in scopes this reading does not model.
 */
final class MethodVariables {

  private final Map<String, List<VariableTree>> byName = new HashMap<>();

  /** @throws Unresolvable if the body declares a class or holds a method reference */
  MethodVariables(MethodTree method) {
    method.getParameters().forEach(this::add);
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        add(node);
        return super.visitVariable(node, unused);
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        throw new Unresolvable();
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree node, Void unused) {
        throw new Unresolvable();
      }
    }.scan(method.getBody(), null);
  }

  private void add(VariableTree v) {
    byName.computeIfAbsent(v.getName().toString(), k -> new ArrayList<>()).add(v);
  }

  boolean contains(String name) {
    return byName.containsKey(name);
  }

  /** Every declaration of {@code name} in the method. */
  List<VariableTree> declarations(String name) {
    return byName.getOrDefault(name, List.of());
  }
}
