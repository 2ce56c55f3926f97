package io.nanguard.processor;

import io.nanguard.ops.OpCatalog;
import io.nanguard.ops.api.Role;
import io.nanguard.processor.analysis.Apis;
import io.nanguard.processor.analysis.MethodAnalysis;
import io.nanguard.processor.analysis.Value;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The ways {@code @Guarded} and {@code @Distance} can be misused, each phrased as what is wrong
 * and what to change. A misused method is reported as an error and neither analysed further nor
 * handed to the code generator.
 */
final class Misuse {

  private Misuse() {}

  /** Why {@code m} cannot be overridden by a generated subclass (empty if it can). */
  static List<String> ofGuarded(ExecutableElement m, String annotation) {
    List<String> problems = new ArrayList<>();
    String what = annotation + " method " + m.getSimpleName() + "()";
    TypeElement owner = (TypeElement) m.getEnclosingElement();
    if (m.getModifiers().contains(Modifier.PRIVATE)) {
      problems.add(what + " is private, so the generated class cannot override it; make it package-private or wider");
    }
    if (m.getModifiers().contains(Modifier.STATIC) && owner.getKind() == ElementKind.INTERFACE) {
      problems.add(what + " is static in an interface, which the generated class does not inherit;"
          + " move it to a class");
    }
    if (m.getModifiers().contains(Modifier.ABSTRACT) || m.getModifiers().contains(Modifier.NATIVE)) {
      problems.add(what + " has no body to analyse; put " + annotation + " on an implementation");
    }
    if (m.getModifiers().contains(Modifier.FINAL)) {
      problems.add(what + " is final, so the generated class cannot override it; remove final");
    }
    String finalizer = Finalizers.of(owner);
    if (finalizer != null) {
      problems.add(what + " is a member of " + owner.getSimpleName() + ", which is final (Lombok's @" + finalizer
          + " makes it final), so no guarded subclass can extend it; use a non-final class (e.g. @Getter with"
          + " @AllArgsConstructor) for guarded methods");
    } else if (isFinal(owner)) {
      problems.add(what + " is a member of " + owner.getSimpleName()
          + ", which is final (or an enum or record), so no guarded subclass can extend it; make the class non-final");
    }
    return problems;
  }

  /** Why a {@code @Distance} method is not a distance (empty if it is). */
  static List<String> ofDistance(ExecutableElement m, MethodAnalysis analysis) {
    List<String> problems = new ArrayList<>();
    String what = "@Distance method " + m.getSimpleName() + "()";
    TypeMirror r = m.getReturnType();
    boolean tensor = r instanceof DeclaredType d
        && Apis.installed().forInstanceType(((TypeElement) d.asElement()).getQualifiedName().toString()) != null;
    if (r.getKind() != TypeKind.DOUBLE && !tensor) {
      problems.add(what + " returns " + r + "; a distance is a double or a Tensor (or the tensor type of"
          + " another library's TensorApi provider)");
    }
    for (Value v : analysis.returns()) {
      if (!v.isOp(OpCatalog.SQRT) && !v.is(Role.NORM)) {
        problems.add(what + " returns " + v.tree() + ", which is not a sqrt, norm or dist;"
            + " return the distance itself (e.g. a.sub(b).square().sum(1).sqrt() or a.dist(b)), or use @Guarded");
        break;
      }
    }
    return problems;
  }

  /** Whether nothing can extend {@code type}, including after another processor rewrites it. */
  static boolean isFinal(TypeElement type) {
    return type.getModifiers().contains(Modifier.FINAL) || Finalizers.of(type) != null
        || type.getKind() == ElementKind.ENUM || type.getKind() == ElementKind.RECORD;
  }

  /** Whether the type-level {@code @Guarded} covers {@code e}: a method with a body, not private, not final. */
  static boolean coveredByType(Element e) {
    return e.getKind() == ElementKind.METHOD
        && !e.getModifiers().contains(Modifier.PRIVATE)
        && !e.getModifiers().contains(Modifier.ABSTRACT)
        && !e.getModifiers().contains(Modifier.NATIVE);
  }
}
