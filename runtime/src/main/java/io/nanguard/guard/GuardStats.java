package io.nanguard.guard;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-site counters of guarded ops: how often each guard ran and how often it actually changed a
 * value (its input was clamped, or the unguarded op would have failed there). Tests and the
 * anomaly checker read them to tell a guard that only ever adds eps from one that is saving the
 * run. Sites are the user's {@code File.java:line}; two guards on one line share a counter.
 *
 * <p>Thread safe; counting costs one map lookup and an add per guarded call.
 */
public final class GuardStats {

  /**
   * A snapshot of one site's counters.
   *
   * @param site the user's {@code File.java:line}
   * @param calls guarded calls made at the site
   * @param engagedCalls calls in which at least one element was changed by the guard
   * @param engagedElements elements changed by the guard, over all calls
   */
  public record Count(String site, long calls, long engagedCalls, long engagedElements) {

    /** Whether the guard at this site ever changed a value. */
    public boolean engaged() {
      return engagedCalls > 0;
    }
  }

  private static final class Counter {
    final LongAdder calls = new LongAdder();
    final LongAdder engagedCalls = new LongAdder();
    final LongAdder engagedElements = new LongAdder();
  }

  private static final Map<String, Counter> COUNTERS = new ConcurrentHashMap<>();

  private GuardStats() {}

  /**
   * Records one guarded call at {@code site} that changed {@code engaged} elements. Public for the
   * guards of other tensor libraries (io.nanguard.djl.NdGuard), which count into the same table.
   */
  public static void record(String site, long engaged) {
    Counter c = COUNTERS.computeIfAbsent(site, s -> new Counter());
    c.calls.increment();
    if (engaged > 0) {
      c.engagedCalls.increment();
      c.engagedElements.add(engaged);
    }
  }

  /** The counters of one site (all zero if no guard ran there). */
  public static Count of(String site) {
    Counter c = COUNTERS.get(site);
    if (c == null) {
      return new Count(site, 0, 0, 0);
    }
    return new Count(site, c.calls.sum(), c.engagedCalls.sum(), c.engagedElements.sum());
  }

  /** Every site seen so far, sorted by site. */
  public static Map<String, Count> snapshot() {
    Map<String, Count> out = new TreeMap<>();
    for (String site : COUNTERS.keySet()) {
      out.put(site, of(site));
    }
    return out;
  }

  /** Forgets every counter (tests call this between cases). */
  public static void reset() {
    COUNTERS.clear();
  }
}
