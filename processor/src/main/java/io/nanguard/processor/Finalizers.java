package io.nanguard.processor;

import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * Annotations of other processors that make a class final by rewriting its tree in their own
 * round (Lombok's {@code @Value} and {@code @UtilityClass}): the class's element may not say
 * {@code final} when NaNGuard looks (it runs before the rewrite, or javac does not update the
 * element's flags), yet a generated subclass of it would not compile.
 */
final class Finalizers {

  /** The annotations, by qualified name: one row per annotation. */
  private static final Set<String> ANNOTATIONS = Set.of("lombok.Value", "lombok.experimental.UtilityClass");

  private Finalizers() {}

  /** The annotation on {@code type} that makes it final, as {@code lombok.Value}; null if none. */
  static String of(TypeElement type) {
    for (AnnotationMirror a : type.getAnnotationMirrors()) {
      String name = ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().toString();
      if (ANNOTATIONS.contains(name)) {
        return name;
      }
    }
    return null;
  }
}
