package io.nanguard.djl;

import io.nanguard.check.Anomaly;
import io.nanguard.check.Finding;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;

/**
 * Whether a NaNGuard check is on for DJL code, and where guard findings go: every
 * {@link NanGuardListener} of a trainer that is open (training may run forward passes on
 * executor threads, so this is not per thread), and the {@link Anomaly} scope of the current
 * thread. Guards measure how many elements they changed only while a check is on, since that
 * needs a host synchronisation.
 *
 * <p>It also knows when the current thread is replaying a loss the training step already
 * evaluated ({@link #replay}): guards then neither count nor report, so a guarded loss's
 * {@code GuardStats} counts one call per evaluation the user made.
 */
final class NdChecks {

  private static final Set<NanGuardListener> LISTENERS = new CopyOnWriteArraySet<>();
  private static final ThreadLocal<Boolean> REPLAYING = ThreadLocal.withInitial(() -> Boolean.FALSE);

  private NdChecks() {}

  static void open(NanGuardListener listener) {
    LISTENERS.add(listener);
  }

  static void close(NanGuardListener listener) {
    LISTENERS.remove(listener);
  }

  /** Whether any listener is open or an Anomaly scope is active on this thread. */
  static boolean active() {
    return !LISTENERS.isEmpty() || Anomaly.isActive();
  }

  /** Hands a finding to every open listener and to this thread's Anomaly scope. */
  static void report(Finding finding) {
    for (NanGuardListener l : LISTENERS) {
      l.add(finding);
    }
    Anomaly.reportToCurrent(finding);
  }

  /** Runs {@code evaluation} (a second evaluation of what the training step computed) with guards silent on this thread. */
  static <T> T replay(Supplier<T> evaluation) {
    Boolean outer = REPLAYING.get();
    REPLAYING.set(Boolean.TRUE);
    try {
      return evaluation.get();
    } finally {
      REPLAYING.set(outer);
    }
  }

  /** Whether this thread is inside {@link #replay}. */
  static boolean replaying() {
    return REPLAYING.get();
  }
}
