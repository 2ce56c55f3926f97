package io.nanguard.ops.api;

import io.nanguard.ops.BinarySpec;
import io.nanguard.ops.OpSpec;

/**
 * One row of an {@link ApiTable}: a method of a numeric library and the {@link Role} it plays.
 *
 * @param name the method's name as the library spells it
 * @param arity its number of arguments (the receiver not counted), or {@link #VARARGS}
 * @param role what it does
 * @param op for {@link Role#UNARY}, the op catalogue's row ({@code io.nanguard.ops.OpCatalog});
 *     else null
 * @param binary for a binary catalogue row ({@link Role#DIV}, {@link Role#POW}, {@link Role#BINARY}),
 *     the row ({@code io.nanguard.ops.BinaryRows}); else null. Given by the role where it names one
 * @param dimArg the operand index (receiver = 0, see {@link Role}) of the argument that is an
 *     axis ({@code sum(dim)}, {@code softmax(dim)}), or -1
 * @param returns what it returns
 */
public record ApiMethod(String name, int arity, Role role, OpSpec op, BinarySpec binary, int dimArg, Returns returns) {

  /** Arity of a varargs method: matches any number of arguments. */
  public static final int VARARGS = -1;

  public ApiMethod {
    if ((role == Role.UNARY) != (op != null)) {
      throw new IllegalArgumentException(name + ": a catalogue row is given exactly for Role.UNARY");
    }
    if (binary == null) {
      binary = role.binaryRow();
    }
    if ((role == Role.BINARY || role.binaryRow() != null) != (binary != null)
        || (role.binaryRow() != null && binary != role.binaryRow())) {
      throw new IllegalArgumentException(name + ": a binary row is given exactly for a binary role, and is the role's own");
    }
  }

  /** A method of any role but {@link Role#UNARY} and {@link Role#BINARY} (whose rows are given). */
  public ApiMethod(String name, int arity, Role role, int dimArg, Returns returns) {
    this(name, arity, role, null, null, dimArg, returns);
  }

  /** The lookup key: name and arity, since overloads differ in role ({@code sum()} vs {@code sum(dim)}). */
  public String key() {
    return key(name, arity);
  }

  /** The lookup key of a call. */
  public static String key(String name, int arity) {
    return name + "/" + (arity == VARARGS ? "*" : Integer.toString(arity));
  }

  /** The operation as shown in messages: the catalogue row's name, else the method's. */
  public String displayName() {
    return op != null ? op.name() : name;
  }

  /**
   * Equal rows: the same name, arity, role, axis and result, and the very same catalogue rows.
   * Written out, for the reason given in {@code Range.equals}; the catalogue rows are compared by
   * identity, which for them is what the record's component equality amounts to (each holds its
   * own lambdas, compared by identity, so two distinct rows are never equal).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof ApiMethod m && name.equals(m.name) && arity == m.arity && role == m.role && op == m.op
        && binary == m.binary && dimArg == m.dimArg && returns == m.returns;
  }

  @Override
  public int hashCode() {
    return ((name.hashCode() * 31 + arity) * 31 + role.hashCode()) * 31 + System.identityHashCode(op) * 17
        + System.identityHashCode(binary) * 7 + dimArg * 3 + returns.hashCode();
  }
}
