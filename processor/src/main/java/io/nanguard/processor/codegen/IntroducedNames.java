package io.nanguard.processor.codegen;

import com.palantir.javapoet.ClassName;
import io.nanguard.ops.OpCatalog;
import io.nanguard.ops.RowConstant;
import io.nanguard.ops.api.TensorLibraryApi;
import io.nanguard.processor.analysis.MemberIndex;
import io.nanguard.processor.rewrite.DeclaredNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * How the generated class writes the classes it introduces ({@code Override}, the guard classes,
 * the op catalogue and the class of each row a generic guard names): fully qualified, so the original's names (a local, field or nested class
 * called {@code Guard} or {@code Override}) cannot hide them; but imported, by simple name, when
 * a name of the original obscures the package's first segment (JLS 6.4.2: a variable, parameter,
 * field or type called {@code io} makes {@code io.nanguard.guard.Guard.log(..)} a field access of
 * it). When the original declares both names, neither form can work and generation is refused.
 *
 * @param qualified the simple names JavaPoet must always write qualified
 * @param problems why the class cannot be generated, one message per unusable introduced class
 */
record IntroducedNames(Set<String> qualified, List<String> problems) {

  /** The built-in guard class, named in the Javadoc whatever the findings use. */
  static final ClassName GUARD = ClassName.bestGuess(TensorLibraryApi.TABLE.guardClass());

  /** The introduced names for the guarded {@code methods} of {@code type}. */
  static IntroducedNames of(TypeElement type, List<GuardedMethod> methods, MemberIndex members, Elements elements) {
    Map<String, ClassName> introduced = new LinkedHashMap<>();
    for (ClassName c : List.of(ClassName.get(Override.class), GUARD, ClassName.get(OpCatalog.class))) {
      introduced.put(c.simpleName(), c);
    }
    methods.forEach(m -> m.findings().forEach(f -> {
      ClassName guard = ClassName.bestGuess(f.fix().guardClass());
      introduced.putIfAbsent(guard.simpleName(), guard);
      RowConstant row = f.fix().row() == null ? null : OpCatalog.constantOf(f.fix().row());
      if (row != null) { // a generic guard names its row's constant: BinaryRows.ATAN2
        introduced.putIfAbsent(row.holder().getSimpleName(), ClassName.get(row.holder()));
      }
    }));
    Set<String> declared = new HashSet<>();
    methods.forEach(m -> declared.addAll(DeclaredNames.of(m.tree())));
    type.getTypeParameters().forEach(p -> declared.add(p.getSimpleName().toString()));
    String pkg = elements.getPackageOf(type).getQualifiedName().toString();
    Set<String> qualified = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (ClassName c : introduced.values()) {
      String first = c.packageName().split("\\.")[0];
      if (!obscures(first, declared, type, pkg, members, elements)) {
        qualified.add(c.simpleName());
      } else if (obscures(c.simpleName(), declared, type, pkg, members, elements)) {
        problems.add("the original declares both '" + first + "', which hides the package " + c.packageName()
            + " (JLS 6.4.2), and '" + c.simpleName() + "', so the generated code can name " + c.canonicalName()
            + " neither way; rename one of them");
      }
    }
    return new IntroducedNames(qualified, problems);
  }

  /**
   * Whether {@code name} denotes a variable or type in the generated class's methods: one the
   * guarded bodies declare, a field or member type of the original (inherited by the subclass),
   * a type parameter of the original, or a type of the package.
   */
  private static boolean obscures(String name, Set<String> declared, TypeElement type, String pkg,
      MemberIndex members, Elements elements) {
    if (declared.contains(name)) {
      return true;
    }
    for (Element e : members.named(type, name)) {
      if (e.getKind() != ElementKind.METHOD && e.getKind() != ElementKind.CONSTRUCTOR) {
        return true;
      }
    }
    return members.type(elements.getModuleOf(type), pkg.isEmpty() ? name : pkg + "." + name) != null;
  }
}
