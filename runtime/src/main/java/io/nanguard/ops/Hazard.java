package io.nanguard.ops;

import java.util.Locale;

/**
 * The kinds of numerical hazard NaNGuard reports, one per family of unsafe op. The lower-case
 * {@link #key()} is what diagnostics print ({@code [nanguard:sqrt]}) and what
 * {@code @SuppressWarnings("nanguard:sqrt")} names.
 */
public enum Hazard {
  /** sqrt or rsqrt at 0 (infinite gradient) or below 0 (NaN value). */
  SQRT,
  /** log at 0 (-inf) or below (NaN). */
  LOG,
  /** Division by a value that may be 0. */
  DIV,
  /** pow with an exponent that makes 0 singular (0 &lt; p &lt; 1: gradient; p &lt; 0: value). */
  POW,
  /** acos at or beyond &plusmn;1. */
  ACOS,
  /** asin at or beyond &plusmn;1. */
  ASIN,
  /** exp (or expm1) overflowing to +inf. */
  EXP,
  /** A composition that is exact in real numbers but loses everything in floating point. */
  STABILITY;

  /** The suppression key, e.g. {@code "sqrt"}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The hazard with the given key, or null if there is none. */
  public static Hazard fromKey(String key) {
    for (Hazard h : values()) {
      if (h.key().equals(key)) {
        return h;
      }
    }
    return null;
  }
}
