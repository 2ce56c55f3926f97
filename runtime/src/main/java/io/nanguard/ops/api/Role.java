package io.nanguard.ops.api;

import io.nanguard.ops.BinaryRows;
import io.nanguard.ops.BinarySpec;

/**
 * What an API method does, independently of what its library calls it. A tensor library is
 * described by mapping its method names to roles ({@link ApiTable}); the processor's range
 * transfer and composition patterns are written once per role, so they hold for every library.
 *
 * <p>Operands are numbered as the analysis passes them: for an instance method the receiver is
 * operand 0 and the arguments follow; for a static method the arguments alone.
 */
public enum Role {
  /** A catalogue row ({@link ApiMethod#op()}: sqrt, log, ...) applied elementwise to operand 0. */
  UNARY,
  /** Operand 0 to the power operand 1: the catalogue's binary row {@link BinaryRows#POW}. */
  POW(BinaryRows.POW),
  /** Operand 0 plus operand 1. */
  ADD,
  /** Operand 0 minus operand 1. */
  SUB,
  /** Operand 0 times operand 1. */
  MUL,
  /** Operand 0 divided by operand 1: the catalogue's binary row {@link BinaryRows#DIV}. */
  DIV(BinaryRows.DIV),
  /** Any other binary catalogue row ({@link ApiMethod#binary()}: atan2, ...) applied elementwise to operands 0 and 1. */
  BINARY(null),
  /** Sum of the elements of operand 0 (over all or one dim). */
  SUM,
  /** Mean of the elements of operand 0. */
  MEAN,
  /** Maximum of the elements of operand 0 along a dim. */
  MAX,
  /** log(sum(exp(operand 0))) computed stably. */
  LOG_SUM_EXP,
  /** softmax of operand 0: every element in [0, 1]. */
  SOFTMAX,
  /** log(softmax(operand 0)) computed stably: every element &lt;= 0. */
  LOG_SOFTMAX,
  /**
   * Mean cross entropy of logits (operand 0) against class indices: &gt;= 0, and 0 itself once
   * the targets' softmax rounds to 1.
   */
  CROSS_ENTROPY,
  /** A Euclidean norm or distance: &gt;= 0 and, unlike a hand-written sqrt, gradient 0 at 0. */
  NORM,
  /** Cosine similarity: in [-1, 1]. */
  COSINE,
  /** Matrix product: sums of products. */
  MATMUL,
  /** Operand 0 clamped to [operand 1, operand 2]. */
  CLAMP,
  /** Operand 0 raised to at least operand 1. */
  CLAMP_MIN,
  /** Elementwise maximum of operands 0 and 1. */
  MAXIMUM,
  /** Elementwise minimum of operands 0 and 1. */
  MINIMUM,
  /** Same elements, new shape or a selection of them ({@code reshape}, {@code select}, {@code item}...). */
  IDENTITY,
  /** A tensor of the given values (the range of all operands). */
  CONSTANT,
  /** A tensor filled with operand 0 ({@code full}, {@code scalar}). */
  FILL,
  /** A tensor of zeros. */
  ZEROS,
  /** A tensor of ones. */
  ONES,
  /** 0, 1, ..., n - 1. */
  ARANGE,
  /** Unbounded values (random normal). */
  UNKNOWN;

  private final BinarySpec row;

  Role() {
    this(null);
  }

  Role(BinarySpec row) {
    this.row = row;
  }

  /** The binary catalogue row this role always applies (div, pow), or null. */
  public BinarySpec binaryRow() {
    return row;
  }

  /** The role of a method applying {@code row}: the role named after it, else {@link #BINARY}. */
  public static Role of(BinarySpec row) {
    for (Role r : values()) {
      if (r.row == row) {
        return r;
      }
    }
    return BINARY;
  }
}
