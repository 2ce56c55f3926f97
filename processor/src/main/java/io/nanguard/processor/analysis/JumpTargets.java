package io.nanguard.processor.analysis;

import com.sun.source.tree.Tree;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The statements that {@code break}, {@code continue} and {@code yield} can leave to, innermost
 * first, each collecting the states that jumps carry to it. A jump leaves with the state at the
 * jump, not the loop head's: {@code x = 0; if (c) break; x = 1;} leaves the loop with x = 0.
 */
final class JumpTargets {

  /** One statement that jumps can reach, with the join of the states they carried there. */
  static final class Target {
    final Tree tree;
    final String label;
    final Tree.Kind kind;
    Env breaks;
    Env continues;
    Value yielded;

    private Target(Tree tree, String label, Tree.Kind kind) {
      this.tree = tree;
      this.label = label;
      this.kind = kind;
    }

    boolean isLoop() {
      return switch (kind) {
        case WHILE_LOOP, DO_WHILE_LOOP, FOR_LOOP, ENHANCED_FOR_LOOP -> true;
        default -> false;
      };
    }
  }

  private Deque<Target> stack = new ArrayDeque<>();
  private String pendingLabel;

  /** A label about to be applied to the statement that is visited next. */
  void label(String label) {
    pendingLabel = label;
  }

  /** The pending label, cleared (a loop entered again by each pass re-applies it). */
  String takeLabel() {
    String l = pendingLabel;
    pendingLabel = null;
    return l;
  }

  /** Enters {@code tree}, which takes the pending label if there is one. */
  Target enter(Tree tree) {
    Target t = new Target(tree, pendingLabel, tree.getKind());
    pendingLabel = null;
    stack.push(t);
    return t;
  }

  void exit(Target t) {
    if (stack.peek() != t) {
      throw new IllegalStateException("jump targets left out of order");
    }
    stack.pop();
  }

  /** A lambda body: no jump inside it reaches a statement outside; returns the outer stack. */
  Deque<Target> enterLambda() {
    Deque<Target> outer = stack;
    stack = new ArrayDeque<>();
    pendingLabel = null;
    return outer;
  }

  void exitLambda(Deque<Target> outer) {
    stack = outer;
  }

  /** {@code break [label]}: records {@code state} at the statement it leaves. */
  void breakWith(String label, Env state) {
    for (Target t : stack) {
      if (label != null ? label.equals(t.label) : t.isLoop() || t.kind == Tree.Kind.SWITCH) {
        t.breaks = Env.join(t.breaks, state.copy());
        return;
      }
    }
  }

  /** {@code continue [label]}: records {@code state} at the loop it goes on with. */
  void continueWith(String label, Env state) {
    for (Target t : stack) {
      if (t.isLoop() && (label == null || label.equals(t.label))) {
        t.continues = Env.join(t.continues, state.copy());
        return;
      }
    }
  }

  /** {@code yield v}: records the value and state at the innermost switch expression. */
  void yieldWith(Value v, Env state) {
    for (Target t : stack) {
      if (t.kind == Tree.Kind.SWITCH_EXPRESSION) {
        t.breaks = Env.join(t.breaks, state.copy());
        t.yielded = t.yielded == null ? v : t.yielded.join(v, false);
        return;
      }
    }
  }
}
