package io.nanguard.tensor;

/**
 * The per-thread {@link OpListener}. When no thread has one installed, each op pays one read of a
 * static field and one branch, nothing else.
 */
public final class OpListeners {

  private static final ThreadLocal<OpListener> CURRENT = new ThreadLocal<>();
  private static volatile int installed;

  private OpListeners() {}

  /** Installs a listener for the current thread, returning the one it replaces (or null). */
  public static synchronized OpListener install(OpListener listener) {
    OpListener previous = CURRENT.get();
    if (previous == null && listener != null) {
      installed++;
    } else if (previous != null && listener == null) {
      installed--;
    }
    if (listener == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(listener);
    }
    return previous;
  }

  /** The current thread's listener, or null. */
  static OpListener current() {
    return installed == 0 ? null : CURRENT.get();
  }
}
