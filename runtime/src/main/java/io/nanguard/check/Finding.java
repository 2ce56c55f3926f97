package io.nanguard.check;

import java.util.List;

/**
 * One problem the checker found: what, how bad, in which op, at which line of the user's code,
 * and which elements.
 *
 * @param kind what was found
 * @param severity how serious it is (always {@code kind.severity()})
 * @param op the op's name ({@code sqrt}, {@code div}, ...), or {@code grad}/{@code param} for
 *     findings about named parameters
 * @param site where the user wrote the op (for a gradient: where its forward ran, if recorded)
 * @param message what happened and the usual fix
 * @param shape the shape of the tensor the indices refer to
 * @param indices flat row-major indices of the offending elements (at most
 *     {@link #MAX_INDICES}; {@code count} has the total)
 * @param rows the distinct rows (first-dimension indices) holding them; for a 1-D tensor the
 *     element indices themselves, empty for a 0-D tensor
 * @param count how many elements are offending in total
 */
public record Finding(FindingKind kind, Severity severity, String op, Site site, String message,
    List<Integer> shape, List<Integer> indices, List<Integer> rows, int count) {

  /** The most indices a finding keeps; the rest are only counted. */
  public static final int MAX_INDICES = 32;

  /**
   * The op name of findings about a parameter's accumulated gradient rather than about an op
   * (a leaf's summary, a gradient check): such a finding is never the cause of another.
   */
  public static final String PARAMETER_GRADIENT = "grad";

  /** Copies the lists so a finding never changes. */
  public Finding {
    shape = List.copyOf(shape);
    indices = List.copyOf(indices);
    rows = List.copyOf(rows);
  }

  /** {@code File.java:12: error: [nanguard:sqrt] message}, as a compiler would print it. */
  @Override
  public String toString() {
    return site.fileLine() + ": " + severity.label() + ": [nanguard:" + op + "] " + message;
  }
}
