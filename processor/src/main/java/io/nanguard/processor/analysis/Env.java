package io.nanguard.processor.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The abstract values of the locals and parameters in scope at one program point. */
final class Env {

  /**
   * The variables, shared between copies until one of them changes: most copies (the state
   * before an {@code if}, at a loop's exit, at a return) are read and never written, and the
   * analysis makes one at nearly every statement.
   */
  private Map<String, Value> vars;
  /** Whether {@link #vars} may be seen by another Env, which a change must not reach. */
  private boolean shared;

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
    own().put(name, v);
  }

  /** The names in scope. */
  Set<String> names() {
    return Set.copyOf(vars.keySet());
  }

  /** This state without the variables whose scope has ended (those not in {@code names}). */
  Env restrictedTo(Set<String> names) {
    if (names.containsAll(vars.keySet())) {
      return copy(); // nothing went out of scope
    }
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
   * that {@code ended} says no longer holds: an assignment to one of its roots, or a call that
   * may assign a field, ends it.
   */
  void forgetNarrowed(Predicate<String> ended) {
    for (String k : vars.keySet()) {
      if (Narrowing.isKey(k) && ended.test(k)) { // copied only when something is forgotten
        own().keySet().removeIf(key -> Narrowing.isKey(key) && ended.test(key));
        return;
      }
    }
  }

  Env copy() {
    shared = true;
    Env c = new Env(vars);
    c.shared = true;
    return c;
  }

  /** The variables, made this Env's own before a change. */
  private Map<String, Value> own() {
    if (shared) {
      vars = new LinkedHashMap<>(vars);
      shared = false;
    }
    return vars;
  }

  /** The state where two paths meet: variables of both, joined (or widened, at a loop head). */
  Env merge(Env o, boolean widen) {
    if (o.vars == vars) {
      return copy(); // a state meeting itself (a branch that changed nothing): each value joins itself
    }
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
