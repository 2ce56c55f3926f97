package io.nanguard.processor.rewrite;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * What one compilation unit declares that decides whether a member select or {@code new} may
 * reach something the generated class cannot: private members are visible only inside the
 * unit's own top-level types, so only names of private members declared in this unit (record
 * components count: their fields are private) can denote one, and only types declared in this
 * unit can have private constructors the body may call.
 */
final class UnitDeclarations {

  private final Set<String> privateMembers = new HashSet<>();
  private final Set<String> types = new HashSet<>();

  UnitDeclarations(CompilationUnitTree unit) {
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree node, Void unused) {
        types.add(node.getSimpleName().toString());
        for (Tree member : node.getMembers()) {
          if (member instanceof VariableTree v && (isPrivate(v.getModifiers().getFlags()) || node.getKind() == Tree.Kind.RECORD)) {
            privateMembers.add(v.getName().toString());
          } else if (member instanceof MethodTree m && isPrivate(m.getModifiers().getFlags())) {
            privateMembers.add(m.getName().toString());
          } else if (member instanceof ClassTree c && isPrivate(c.getModifiers().getFlags())) {
            privateMembers.add(c.getSimpleName().toString());
          }
        }
        return super.visitClass(node, unused);
      }
    }.scan(unit, null);
  }

  private static boolean isPrivate(Set<Modifier> flags) {
    return flags.contains(Modifier.PRIVATE);
  }

  /** Whether a private field, method or member type of this unit is called {@code name}. */
  boolean hasPrivateMember(String name) {
    return privateMembers.contains(name);
  }

  /** Whether this unit declares a type called {@code simpleName}, at any depth. */
  boolean declaresType(String simpleName) {
    return types.contains(simpleName);
  }
}
