package io.nanguard.processor.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The members of types by simple name, computed once per type: {@link Elements#getAllMembers}
 * works out overriding and is far too slow to call for every identifier and call the analysis
 * resolves (it was most of the processor's time). One index serves one processing round.
 */
public final class MemberIndex {

  private final Elements elements;
  private final Map<TypeElement, Map<String, List<Element>>> byType = new HashMap<>();

  public MemberIndex(Elements elements) {
    this.elements = elements;
  }

  /** The members of {@code type}, declared or inherited, called {@code name}. */
  public List<Element> named(TypeElement type, String name) {
    return byType.computeIfAbsent(type, this::index).getOrDefault(name, List.of());
  }

  private Map<String, List<Element>> index(TypeElement type) {
    Map<String, List<Element>> m = new HashMap<>();
    for (Element e : elements.getAllMembers(type)) {
      m.computeIfAbsent(e.getSimpleName().toString(), k -> new ArrayList<>()).add(e);
    }
    return m;
  }
}
