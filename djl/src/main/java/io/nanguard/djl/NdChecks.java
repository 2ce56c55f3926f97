package io.nanguard.djl;

import io.nanguard.check.Anomaly;
import io.nanguard.check.Finding;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Whether a NaNGuard check is on for DJL code, and where guard findings go: every
 * {@link NanGuardListener} of a trainer that is open (training may run forward passes on
 * executor threads, so this is not per thread), and the {@link Anomaly} scope of the current
 * thread. Guards measure how many elements they changed only while a check is on, since that
 * needs a host synchronisation.
 */
final class NdChecks {

  private static final Set<NanGuardListener> LISTENERS = new CopyOnWriteArraySet<>();

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
}
