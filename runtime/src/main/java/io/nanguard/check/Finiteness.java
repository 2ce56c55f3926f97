package io.nanguard.check;

import io.nanguard.tensor.Tensor;
import java.util.function.DoublePredicate;
import java.util.function.Function;

/**
 * Finiteness of a whole tensor, described the way findings describe offending elements; also the
 * shared formatting for tensors of other libraries, given as row-major values and a shape.
 */
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
    return describe(t.data(), t.shape());
  }

  /**
   * {@link #describe(Tensor)} for the row-major values of any tensor library's array of the given
   * shape: null if all are finite.
   */
  public static String describe(double[] data, int[] shape) {
    if (Elements.allFinite(data)) {
      return null;
    }
    Elements bad = Elements.nonFinite(data, shape);
    return data[bad.first()] + " " + bad.where() + " of a tensor of shape " + bad.shape();
  }

  /**
   * A finding about the elements of a row-major array for which {@code bad} holds (null if none
   * does); {@code message} receives where they are ({@code "in rows [0, 7] (8 elements)"}).
   */
  public static Finding finding(FindingKind kind, String op, Site site, double[] data, int[] shape,
      DoublePredicate bad, Function<String, String> message) {
    Elements e = Elements.where(data, shape, bad);
    return e.count() == 0 ? null : e.finding(kind, op, site, message.apply(e.where()));
  }
}
