package io.nanguard.processor.rewrite;

import com.palantir.javapoet.ClassName;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * A library's guard class as the generated code will see it: read from the compilation's class
 * path (not the processor's), so a guard the code cannot call is reported on the op instead of
 * becoming uncompilable generated code.
 */
final class GuardClass {

  private final String qualifiedName;
  private final TypeElement type;
  private final Set<String> signatures;

  private GuardClass(String qualifiedName, TypeElement type, Set<String> signatures) {
    this.qualifiedName = qualifiedName;
    this.type = type;
    this.signatures = signatures;
  }

  /** The guard class called {@code qualifiedName}, as the compilation sees it. */
  static GuardClass of(Elements elements, String qualifiedName) {
    TypeElement type = elements.getTypeElement(qualifiedName);
    Set<String> signatures = new HashSet<>();
    if (type != null) {
      for (Element e : type.getEnclosedElements()) {
        if (e.getKind() == ElementKind.METHOD && e.getModifiers().contains(Modifier.PUBLIC)
            && e.getModifiers().contains(Modifier.STATIC)) {
          signatures.add(e.getSimpleName() + "/" + ((ExecutableElement) e).getParameters().size());
        }
      }
    }
    return new GuardClass(qualifiedName, type, signatures);
  }

  /** The class as JavaPoet names it (so the generated file imports it). */
  ClassName name() {
    return ClassName.get(type);
  }

  /** Why {@code method} with {@code arity} parameters cannot be called, or null if it can. */
  String missing(String method, int arity) {
    if (type == null) {
      return "its guard class " + qualifiedName + " is not on the class path; add the library's guard module"
          + " to the compile class path";
    }
    if (!signatures.contains(method + "/" + arity)) {
      return "its guard class " + qualifiedName + " has no public static " + method + " method with " + arity
          + " parameters (the operand(s), eps, site), which the rewrite of this op calls";
    }
    return null;
  }
}
