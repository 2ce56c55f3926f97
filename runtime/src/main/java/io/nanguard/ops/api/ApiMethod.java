package io.nanguard.ops.api;

import io.nanguard.ops.OpSpec;

/**
 * One row of an {@link ApiTable}: a method of a numeric library and the {@link Role} it plays.
 *
 * @param name the method's name as the library spells it
 * @param arity its number of arguments (the receiver not counted), or {@link #VARARGS}
 * @param role what it does
 * @param op for {@link Role#UNARY}, the op catalogue's row ({@code io.nanguard.ops.OpCatalog});
 *     else null
 * @param dimArg the operand index (receiver = 0, see {@link Role}) of the argument that is an
 *     axis ({@code sum(dim)}, {@code softmax(dim)}), or -1
 * @param returns what it returns
 */
public record ApiMethod(String name, int arity, Role role, OpSpec op, int dimArg, Returns returns) {

  /** Arity of a varargs method: matches any number of arguments. */
  public static final int VARARGS = -1;

  public ApiMethod {
    if ((role == Role.UNARY) != (op != null)) {
      throw new IllegalArgumentException(name + ": a catalogue row is given exactly for Role.UNARY");
    }
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
}
