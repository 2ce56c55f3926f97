package io.nanguard.processor.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
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
  private final Map<ModuleElement, Map<String, Optional<TypeElement>>> typesByModule = new HashMap<>();

  public MemberIndex(Elements elements) {
    this.elements = elements;
  }

  /** The members of {@code type}, declared or inherited, called {@code name}. */
  public List<Element> named(TypeElement type, String name) {
    return byType.computeIfAbsent(type, this::index).getOrDefault(name, List.of());
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
