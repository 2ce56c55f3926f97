package io.nanguard.processor.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The abstract values of the locals and parameters in scope at one program point. */
final class Env {

  private final Map<String, Value> vars;

  Env() {
    this(new LinkedHashMap<>());
  }

  private Env(Map<String, Value> vars) {
    this.vars = vars;
  }

  Value get(String name) {
    return vars.get(name);
  }

  boolean has(String name) {
    return vars.containsKey(name);
  }

  void put(String name, Value v) {
    vars.put(name, v);
  }

  /** The names in scope. */
  Set<String> names() {
    return Set.copyOf(vars.keySet());
  }

  /** This state without the variables whose scope has ended (those not in {@code names}). */
  Env restrictedTo(Set<String> names) {
    Map<String, Value> m = new LinkedHashMap<>(vars);
    m.keySet().retainAll(names);
    return new Env(m);
  }

  /** Where two paths meet; null stands for a path that cannot reach this point. */
  static Env join(Env a, Env b) {
    return a == null ? b : b == null ? a : a.merge(b, false);
  }

  /**
   * Forgets what is known of every expression kept under a {@link Narrowing} key (not a local)
   * whose root satisfies {@code root}: an assignment to the root, or a call that may assign a
   * field, ends it.
   */
  void forgetNarrowed(Predicate<String> root) {
    vars.keySet().removeIf(k -> Narrowing.isKey(k) && Narrowing.roots(k).stream().anyMatch(root));
  }

  Env copy() {
    return new Env(new LinkedHashMap<>(vars));
  }

  /** The state where two paths meet: variables of both, joined (or widened, at a loop head). */
  Env merge(Env o, boolean widen) {
    Map<String, Value> m = new LinkedHashMap<>();
    for (Map.Entry<String, Value> e : vars.entrySet()) {
      Value other = o.vars.get(e.getKey());
      if (other != null) {
        m.put(e.getKey(), e.getValue().join(other, widen));
      }
    }
    return new Env(m);
  }

  /** This state with every variable whose fact differs from {@code before} made unknown. */
  Env forgetChangedSince(Env before) {
    Map<String, Value> m = new LinkedHashMap<>(vars);
    for (Map.Entry<String, Value> e : vars.entrySet()) {
      Value old = before.vars.get(e.getKey());
      if (old == null || !old.fact().equals(e.getValue().fact())) {
        m.put(e.getKey(), e.getValue().withFact(Fact.TOP));
      }
    }
    return new Env(m);
  }

  /** Whether both states know the same facts (a loop has reached its fixpoint). */
  boolean sameFacts(Env o) {
    if (!vars.keySet().equals(o.vars.keySet())) {
      return false;
    }
    for (Map.Entry<String, Value> e : vars.entrySet()) {
      if (!e.getValue().fact().equals(o.vars.get(e.getKey()).fact())) {
        return false;
      }
    }
    return true;
  }
}
