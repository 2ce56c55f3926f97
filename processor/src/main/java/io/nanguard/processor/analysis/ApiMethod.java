package io.nanguard.processor.analysis;

/**
 * One row of an {@link ApiTable}: a method of a numeric API and the role it plays.
 *
 * @param name the method's name
 * @param arity its number of arguments (the receiver not counted)
 * @param role what it does
 * @param op for {@link Role#UNARY}, the catalogue op's name ({@code io.nanguard.ops.OpCatalog})
 * @param dimArg the operand index of its {@code dim} argument, or -1
 * @param returns the kind of value it returns
 */
public record ApiMethod(String name, int arity, Role role, String op, int dimArg, Kind returns) {

  /** Arity of a varargs method: matches any number of arguments. */
  public static final int VARARGS = -1;

  /** The lookup key: name and arity, since overloads differ in role ({@code sum()} vs {@code sum(dim)}). */
  public String key() {
    return key(name, arity);
  }

  /** The lookup key of a call. */
  public static String key(String name, int arity) {
    return name + "/" + (arity == VARARGS ? "*" : Integer.toString(arity));
  }

  /** The operation as shown in messages, e.g. {@code sqrt} or {@code sum}. */
  public String displayName() {
    return op != null ? op : name;
  }
}
