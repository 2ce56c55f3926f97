package io.nanguard.processor.rewrite;

import com.sun.source.tree.CompilationUnitTree;
import io.nanguard.processor.analysis.MemberIndex;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * What {@link SyntacticResolution} knows of one class with guarded methods and its compilation
 * unit, read once and shared by all of the class's guarded methods: its members (the round's
 * index), the unit's type names and imports, what the unit declares private, and the protected
 * members of supertypes in other packages.
 *
 * @param original the class the guarded methods belong to
 * @param members the processing round's member index
 * @param unitTypes the top-level and imported type names of its unit
 * @param declarations what its unit declares
 * @param protectedElsewhere names of protected instance members of its supertypes in other packages
 */
record ClassScope(TypeElement original, MemberIndex members, UnitTypeNames unitTypes,
    UnitDeclarations declarations, Set<String> protectedElsewhere) {

  /**
   * Reads the scope of {@code original}, declared in {@code unit}.
   *
   * @throws Unresolvable for a nested class (its names also resolve in its enclosing classes) or
   *     a unit this reading cannot model
   */
  static ClassScope of(Elements elements, Types types, MemberIndex members, TypeElement original,
      CompilationUnitTree unit) {
    if (original.getNestingKind() != NestingKind.TOP_LEVEL) {
      throw new Unresolvable();
    }
    return new ClassScope(original, members, new UnitTypeNames(elements, members, original, unit),
        new UnitDeclarations(unit), protectedElsewhere(elements, types, original));
  }

  /** Names of protected instance members of the original's supertypes in other packages. */
  private static Set<String> protectedElsewhere(Elements elements, Types types, TypeElement original) {
    Set<String> names = new HashSet<>();
    String pkg = elements.getPackageOf(original).getQualifiedName().toString();
    collectProtected(elements, types, original.asType(), pkg, names, new HashSet<>());
    return names;
  }

  private static void collectProtected(Elements elements, Types types, TypeMirror type, String pkg,
      Set<String> names, Set<Element> seen) {
    for (TypeMirror s : types.directSupertypes(type)) {
      Element e = types.asElement(s);
      if (!(e instanceof TypeElement t) || !seen.add(t)) {
        continue;
      }
      if (!elements.getPackageOf(t).getQualifiedName().contentEquals(pkg)) {
        for (Element m : t.getEnclosedElements()) {
          if (m.getModifiers().contains(Modifier.PROTECTED) && !m.getModifiers().contains(Modifier.STATIC)) {
            names.add(m.getSimpleName().toString());
          }
        }
      }
      collectProtected(elements, types, s, pkg, names, seen);
    }
  }
}
