package io.nanguard.processor.rewrite;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * A library's guard class as the generated code will see it: read from the compilation's class
 * path (not the processor's), so a guard the code cannot call is found before it is written,
 * never as uncompilable generated code. Which of its methods a call would invoke is decided as
 * javac decides it for a call with those argument types (JLS 15.12.2).
 */
final class GuardClass {

  private final String qualifiedName;
  private final TypeElement type;
  private final Types types;
  private Map<String, List<ExecutableElement>> callable;
  private ClassName name;

  private GuardClass(String qualifiedName, TypeElement type, Types types) {
    this.qualifiedName = qualifiedName;
    this.type = type;
    this.types = types;
  }

  /** The guard class called {@code qualifiedName}, as the compilation sees it. */
  static GuardClass of(Elements elements, Types types, String qualifiedName) {
    return new GuardClass(qualifiedName, elements.getTypeElement(qualifiedName), types);
  }

  /** The class as JavaPoet names it (so the generated file imports it). */
  ClassName name() {
    if (name == null) {
      name = ClassName.get(type);
    }
    return name;
  }

  /** Why no method of the class can be called at all (it is not on the class path), or null. */
  String absence() {
    return type != null ? null : "its guard class " + qualifiedName + " is not on the class path; add the library's"
        + " guard module to the compile class path";
  }

  /**
   * The public static method {@code method(args)} invokes, or null if none is applicable or
   * several are and none is most specific: applicable by strict invocation (subtyping and
   * primitive widening) if any is, else by loose invocation (boxing and unboxing too); of
   * several, the one whose parameter types are subtypes of every other's (JLS 15.12.2.2-5).
   * Variable arity and generic guard methods are not considered.
   */
  ExecutableElement applicable(String method, List<TypeMirror> args) {
    if (type == null || args.contains(null)) {
      return null;
    }
    List<ExecutableElement> candidates = new ArrayList<>();
    for (ExecutableElement m : callable().getOrDefault(method, List.of())) {
      if (m.getParameters().size() == args.size()) {
        candidates.add(m);
      }
    }
    List<ExecutableElement> strict = accepting(candidates, args, types::isSubtype);
    return mostSpecific(strict.isEmpty() ? accepting(candidates, args, types::isAssignable) : strict);
  }

  /**
   * The public static methods a call may invoke, by name: read once for the class (a guard class
   * declares a hundred methods, and every guard call asks), as the class does not change in a
   * compilation.
   */
  private Map<String, List<ExecutableElement>> callable() {
    if (callable == null) {
      callable = new HashMap<>();
      for (Element e : type.getEnclosedElements()) {
        if (e.getKind() == ElementKind.METHOD
            && e.getModifiers().contains(Modifier.PUBLIC) && e.getModifiers().contains(Modifier.STATIC)
            && ((ExecutableElement) e).getTypeParameters().isEmpty() && !((ExecutableElement) e).isVarArgs()) {
          callable.computeIfAbsent(e.getSimpleName().toString(), n -> new ArrayList<>()).add((ExecutableElement) e);
        }
      }
    }
    return callable;
  }

  /** The call as a message names it: {@code NdGuard.pow(NDArray, NDArray, double, String)}. */
  String describe(String method, List<TypeMirror> args) {
    return qualifiedName + "." + method + args.stream()
        .map(t -> t == null ? "?" : simple(types.erasure(t).toString()))
        .collect(Collectors.joining(", ", "(", ")"));
  }

  private List<ExecutableElement> accepting(List<ExecutableElement> candidates, List<TypeMirror> args,
      BiPredicate<TypeMirror, TypeMirror> converts) {
    List<ExecutableElement> out = new ArrayList<>();
    for (ExecutableElement m : candidates) {
      boolean all = true;
      for (int i = 0; i < args.size() && all; i++) {
        all = converts.test(args.get(i), m.getParameters().get(i).asType());
      }
      if (all) {
        out.add(m);
      }
    }
    return out;
  }

  private ExecutableElement mostSpecific(List<ExecutableElement> applicable) {
    for (ExecutableElement m : applicable) {
      if (applicable.stream().allMatch(n -> n == m || moreSpecific(m, n))) {
        return m;
      }
    }
    return null;
  }

  private boolean moreSpecific(ExecutableElement m, ExecutableElement n) {
    for (int i = 0; i < m.getParameters().size(); i++) {
      if (!types.isSubtype(m.getParameters().get(i).asType(), n.getParameters().get(i).asType())) {
        return false;
      }
    }
    return true;
  }

  private static String simple(String qualified) {
    return qualified.replaceAll("\\b[a-z_][\\w]*\\.", "");
  }
}
