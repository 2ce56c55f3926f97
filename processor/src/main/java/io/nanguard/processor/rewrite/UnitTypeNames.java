package io.nanguard.processor.rewrite;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import io.nanguard.processor.analysis.MemberIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The types a simple name denotes at the top level of one compilation unit, in the order of
 * JLS 6.4.1: single-type imports (and the unit's own types, which are in its package), then the
 * unit's package, then type-import-on-demand and {@code java.lang}. Lookups are bound to the
 * original's module: the unbound {@link Elements#getTypeElement(CharSequence)} searches every
 * module of the JDK and is slow for names that are not types, which most asked here are not.
 *
 * <p>Also says whether a static import may bring a name in, so that such names are left to javac.
 */
final class UnitTypeNames {

  private final MemberIndex members;
  private final ModuleElement module;
  private final String packagePrefix;
  private final Map<String, String> singleImports = new HashMap<>();
  private final List<String> onDemandPrefixes = new ArrayList<>();
  private final Set<String> staticSingleNames = new LinkedHashSet<>();
  private final List<String> staticOnDemandTypes = new ArrayList<>();

  UnitTypeNames(Elements elements, MemberIndex members, TypeElement original, CompilationUnitTree unit) {
    this.members = members;
    this.module = elements.getModuleOf(original);
    String pkg = elements.getPackageOf(original).getQualifiedName().toString();
    this.packagePrefix = pkg.isEmpty() ? "" : pkg + ".";
    for (ImportTree imp : unit.getImports()) {
      String name = imp.getQualifiedIdentifier().toString();
      int dot = name.lastIndexOf('.');
      String simple = name.substring(dot + 1);
      String qualifier = name.substring(0, Math.max(dot, 0));
      if (imp.isStatic()) {
        if (simple.equals("*")) {
          staticOnDemandTypes.add(qualifier);
        } else {
          staticSingleNames.add(simple);
        }
      } else if (simple.equals("*")) {
        onDemandPrefixes.add(qualifier + ".");
      } else if (singleImports.putIfAbsent(simple, name) != null) {
        throw new Unresolvable(); // two imports of one simple name: let javac judge
      }
    }
    onDemandPrefixes.add("java.lang.");
  }

  /** Whether a static import of the unit may bring in {@code name}. */
  boolean staticallyImported(String name) {
    if (staticSingleNames.contains(name)) {
      return true;
    }
    for (String type : staticOnDemandTypes) {
      TypeElement t = canonical(type);
      if (t == null || !members.named(t, name).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The top-level or imported type {@code simpleName} denotes in this unit, or null if none does.
   *
   * @throws Unresolvable if an import names no type, or on-demand imports make it ambiguous
   */
  TypeElement topLevel(String simpleName) {
    String imported = singleImports.get(simpleName);
    if (imported != null) {
      TypeElement t = canonical(imported);
      if (t == null) {
        throw new Unresolvable();
      }
      return t;
    }
    TypeElement inPackage = canonical(packagePrefix + simpleName);
    if (inPackage != null) {
      return inPackage;
    }
    TypeElement found = null;
    for (String prefix : onDemandPrefixes) {
      TypeElement t = canonical(prefix + simpleName);
      if (t != null && found != null && !t.equals(found)) {
        throw new Unresolvable();
      }
      found = t == null ? found : t;
    }
    return found;
  }

  /** A type by canonical name, through a lookup bound to the unit's module, remembered for the round. */
  TypeElement canonical(String canonicalName) {
    return members.type(module, canonicalName);
  }
}
