package io.nanguard.processor.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * What keeps a type or method from being extended or overridden by a generated top-level class in
 * the same package, each problem phrased as what to change.
 */
final class TypeChecks {

  /** Methods every class inherits from Object, which an interface may redeclare abstractly. */
  private static final Set<String> OBJECT_METHODS = Set.of("equals/1", "hashCode/0", "toString/0");

  private TypeChecks() {}

  static List<String> problems(TypeElement type) {
    List<String> problems = new ArrayList<>();
    ElementKind kind = type.getKind();
    if (kind != ElementKind.CLASS && kind != ElementKind.INTERFACE) {
      problems.add("a " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ')
          + " cannot be extended; move the guarded methods to a class or an interface");
      return problems;
    }
    if (type.getModifiers().contains(Modifier.FINAL)) {
      problems.add(type.getSimpleName() + " is final; remove final so the guarded subclass can extend it");
    }
    if (type.getModifiers().contains(Modifier.SEALED)) {
      problems.add(type.getSimpleName() + " is sealed; the guarded subclass cannot be one of its permitted subclasses");
    }
    for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
        problems.add("local and anonymous classes cannot be extended from another file;"
            + " make it a top-level or static nested class");
        return problems;
      }
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        problems.add(t.getSimpleName() + " is private; make it package-private");
      }
      if (t.getNestingKind() == NestingKind.MEMBER && t.getKind() == ElementKind.CLASS
          && !t.getModifiers().contains(Modifier.STATIC)) {
        problems.add(t.getSimpleName() + " is an inner class; make it static");
      }
    }
    if (kind == ElementKind.CLASS && ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
        .allMatch(c -> c.getModifiers().contains(Modifier.PRIVATE))) {
      problems.add(type.getSimpleName() + " has only private constructors; add a package-private one");
    }
    return problems;
  }

  static List<String> methodProblems(ExecutableElement method) {
    List<String> problems = new ArrayList<>();
    Set<Modifier> mods = method.getModifiers();
    if (mods.contains(Modifier.PRIVATE)) {
      problems.add("it is private; make it package-private or protected");
    }
    if (mods.contains(Modifier.FINAL)) {
      problems.add("it is final; remove final");
    }
    if (mods.contains(Modifier.ABSTRACT) || mods.contains(Modifier.NATIVE)) {
      problems.add("it has no body to guard");
    }
    return problems;
  }

  /**
   * Whether the generated class must be abstract: the original is an abstract class, or an
   * interface with abstract methods that no guarded method overrides.
   */
  static boolean leavesAbstractMethods(TypeElement type, List<GuardedMethod> guarded, Elements elements) {
    if (type.getKind() == ElementKind.CLASS) {
      return type.getModifiers().contains(Modifier.ABSTRACT);
    }
    for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      boolean open = m.getModifiers().contains(Modifier.ABSTRACT)
          && !OBJECT_METHODS.contains(m.getSimpleName() + "/" + m.getParameters().size())
          && guarded.stream().noneMatch(g -> g.element().equals(m) || elements.overrides(g.element(), m, type));
      if (open) {
        return true;
      }
    }
    return false;
  }
}
