package io.nanguard.ops;

import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * One binary row of the op catalogue: y = f(a, b) elementwise, both partial derivatives, and a
 * domain per operand, in the manner of a two-input entry of PyTorch's {@code derivatives.yaml}.
 * Whether the op fails is decided from the operands' domains by {@link Joint}: atan2 fails only
 * where both operands are 0 ({@link Joint#EVERY}), a divisor wherever its own operand is 0
 * ({@link Joint#ANY}, operand a unconstrained).
 *
 * @param name the op's name, as the {@code Tensor} method is called
 * @param hazard the hazard family reported for it
 * @param forward y = f(a, b)
 * @param partialA dy/da at (a, b, y), exactly as PyTorch computes it (NaN at a singular point
 *     where PyTorch's formula gives NaN, so the bug is reproduced faithfully)
 * @param partialB dy/db at (a, b, y), likewise
 * @param domains the domain of a and of b
 * @param joint how the operands' domains combine into the op's safe set
 * @param failure what goes wrong outside the safe set
 * @param advice the usual fix a user should apply by hand
 */
public record BinarySpec(
    String name,
    Hazard hazard,
    DoubleBinaryOperator forward,
    Partial partialA,
    Partial partialB,
    List<Domain> domains,
    Joint joint,
    Failure failure,
    String advice) implements EngineOp {

  /** A partial derivative of a binary op, given both operands and the output. */
  @FunctionalInterface
  public interface Partial {
    /** The partial derivative at (a, b), given y = f(a, b). */
    double at(double a, double b, double y);
  }

  /** How the operands' domains combine. */
  public enum Joint {
    /** The op fails where any operand leaves its domain (a divisor at 0). */
    ANY,
    /** The op fails only where every operand is outside its domain (atan2 at (0, 0)). */
    EVERY
  }

  public BinarySpec {
    if (domains.size() != 2) {
      throw new IllegalArgumentException(name + ": a binary row needs one domain per operand, got " + domains.size());
    }
    domains = List.copyOf(domains);
  }

  @Override
  public Flow flow() {
    return Flow.GENERAL;
  }

  /** A binary row constrains its operands jointly, which no unary row describes: none. */
  @Override
  public OpSpec checkedRow() {
    return null;
  }

  @Override
  public int checkedOperand() {
    return -1;
  }

  /** y = f(a, b). */
  public double apply(double a, double b) {
    return forward.applyAsDouble(a, b);
  }

  /** The failure at one pair of operands, or null where the op is well behaved. */
  public Failure failureAt(double a, double b) {
    boolean outA = !domains.get(0).contains(a);
    boolean outB = !domains.get(1).contains(b);
    return (joint == Joint.EVERY ? outA && outB : outA || outB) ? failure : null;
  }

  /** The worst failure possible for operands in ra and rb, or null if every pair is safe. */
  public Failure failureWithin(Range ra, Range rb) {
    boolean outA = !domains.get(0).covers(ra);
    boolean outB = !domains.get(1).covers(rb);
    return (joint == Joint.EVERY ? outA && outB : outA || outB) ? failure : null;
  }
}
