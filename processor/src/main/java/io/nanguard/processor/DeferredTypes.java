package io.nanguard.processor;

import io.nanguard.processor.diagnostics.Diagnostics;
import io.nanguard.processor.analysis.DeclarationPaths;
import io.nanguard.processor.rewrite.BodyErrors;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Types whose guarded methods name something that does not exist yet, kept for the next round,
 * as google/auto's BasicAnnotationProcessor keeps its deferred elements: another processor may
 * generate the missing class in this round. They are kept by name, because a later round's
 * elements are not this round's; in the last round a type still missing something gets one note
 * and no generated class (javac reports the error itself, and a copy of the body would repeat it).
 */
final class DeferredTypes {

  private final Diagnostics diagnostics;
  private Set<String> names = new LinkedHashSet<>();

  DeferredTypes(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** Adds the types deferred by the earlier rounds, with their guarded methods, to this round's. */
  void takeInto(Map<TypeElement, Set<ExecutableElement>> guarded, Elements elements) {
    Set<String> earlier = names;
    names = new LinkedHashSet<>();
    Map<TypeElement, Set<ExecutableElement>> again = new LinkedHashMap<>();
    for (String name : earlier) {
      TypeElement type = elements.getTypeElement(name);
      if (type != null && !guarded.containsKey(type)) {
        Set<ExecutableElement> methods = new LinkedHashSet<>();
        for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
          if (NanGuardProcessor.guardedWithoutMisuse(m)) {
            methods.add(m);
          }
        }
        again.put(type, methods);
      }
    }
    guarded.putAll(again);
  }

  /**
   * Whether {@code type} must wait: one of its guarded {@code methods} names something missing.
   * It is kept for the next round, or, in the last one, reported in a note.
   */
  boolean deferIfMissing(TypeElement type, Set<ExecutableElement> methods, DeclarationPaths paths,
      BodyErrors errors, boolean lastRound) {
    for (ExecutableElement m : methods) {
      String missing = errors.missing(type, m, paths.of(m));
      if (missing == null) {
        continue;
      }
      if (lastRound) {
        diagnostics.note("no Guarded class is generated for " + type.getSimpleName() + ": " + m.getSimpleName()
            + "() refers to something that does not exist: " + missing + ". Fix the error javac reports;"
            + " NaNGuard generates the class once the original compiles.", m);
      } else {
        names.add(type.getQualifiedName().toString());
      }
      return true;
    }
    return false;
  }
}
