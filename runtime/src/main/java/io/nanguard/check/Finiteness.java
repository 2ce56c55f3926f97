package io.nanguard.check;

import io.nanguard.tensor.Tensor;

/** Finiteness of a whole tensor, described the way findings describe offending elements. */
public final class Finiteness {

  private Finiteness() {}

  /** Whether every element of t is finite. */
  public static boolean allFinite(Tensor t) {
    return Elements.allFinite(t.data());
  }

  /**
   * Null if t is all finite; else e.g. {@code "NaN in rows [0, 7] (8 elements) of a tensor of shape [8, 4]"}: the
   * first bad value and where the bad elements are.
   */
  public static String describe(Tensor t) {
    if (allFinite(t)) {
      return null;
    }
    Elements bad = Elements.nonFinite(t.data(), t.shape());
    return t.data()[bad.first()] + " " + bad.where() + " of a tensor of shape " + bad.shape();
  }
}
