package io.nanguard.processor.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * The round's memo of the two lookups the analysis and the rewriter make for nearly every
 * identifier: the members of a type by simple name ({@link Elements#getAllMembers} works out
 * overriding and is far too slow to call per identifier; it was most of the processor's time),
 * and a type by canonical name (a name that is no type costs javac a class-path search and a
 * thrown completion failure, and guarded bodies ask for the same names class after class). One
 * index serves one processing round, in which no type appears or disappears.
 */
public final class MemberIndex {

  private final Elements elements;
  private final Map<TypeElement, Map<String, List<Element>>> byType = new HashMap<>();
  private final Map<TypeElement, Map<String, VariableElement>> fieldsByType = new HashMap<>();
  private final Map<ModuleElement, Map<String, Optional<TypeElement>>> typesByModule = new HashMap<>();

  public MemberIndex(Elements elements) {
    this.elements = elements;
  }

  /** The members of {@code type}, declared or inherited, called {@code name}. */
  public List<Element> named(TypeElement type, String name) {
    return byType.computeIfAbsent(type, this::index).getOrDefault(name, List.of());
  }

  /**
   * The field (or enum constant) of {@code type}, declared or inherited, called {@code name}: the
   * first that {@link #named} lists; null if none. Indexed once per type, so that the analysis,
   * which asks this at nearly every identifier that is not a local, never casts an element on its
   * hot path: a cast there, speculated by the JIT on the first element types it saw, failed on
   * another javac symbol class and made the JIT recompile the identifier visitor again and again
   * (docs/design.md, "Compile-time cost").
   */
  public VariableElement field(TypeElement type, String name) {
    return fieldsByType.computeIfAbsent(type, this::fieldsOf).get(name);
  }

  private Map<String, VariableElement> fieldsOf(TypeElement type) {
    Map<String, VariableElement> m = new HashMap<>();
    for (Map.Entry<String, List<Element>> e : byType.computeIfAbsent(type, this::index).entrySet()) {
      for (Element member : e.getValue()) {
        if (member.getKind() == ElementKind.FIELD || member.getKind() == ElementKind.ENUM_CONSTANT) {
          m.put(e.getKey(), (VariableElement) member);
          break;
        }
      }
    }
    return m;
  }

  /**
   * The type called {@code canonicalName} as seen from {@code module}, or null; a null module
   * (a compiler without modules) searches everywhere.
   */
  public TypeElement type(ModuleElement module, String canonicalName) {
    return typesByModule.computeIfAbsent(module, m -> new HashMap<>())
        .computeIfAbsent(canonicalName, n -> Optional.ofNullable(module == null
            ? elements.getTypeElement(n)
            : elements.getTypeElement(module, n)))
        .orElse(null);
  }

  private Map<String, List<Element>> index(TypeElement type) {
    Map<String, List<Element>> m = new HashMap<>();
    for (Element e : elements.getAllMembers(type)) {
      m.computeIfAbsent(e.getSimpleName().toString(), k -> new ArrayList<>()).add(e);
    }
    return m;
  }
}
