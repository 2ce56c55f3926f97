package io.nanguard.processor.analysis;

import com.sun.source.tree.ExpressionTree;
import io.nanguard.ops.OpSpec;
import io.nanguard.ops.api.ApiMethod;
import io.nanguard.ops.api.ApiTable;
import io.nanguard.ops.api.Role;
import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * The abstract value of one expression: its {@link Fact}, its {@link Kind}, the library whose
 * table describes it (its provider), and where it came
 * from (the API method and operand values that produced it), which composition patterns such as
 * {@code log(sum(exp(x)))} match on, also through local variables.
 *
 * @param fact what is known of the value
 * @param kind what is known of its type
 * @param api the library of the value ({@link Apis#scalars()} for Java's numbers, the tensor
 *     library of a tensor), or null when it belongs to none
 * @param type its declared type when known (to resolve calls on it), else null
 * @param origin the API method that produced it, or null
 * @param operands the operand values of {@code origin}
 * @param opTree the expression that produced it (the op itself, kept through locals)
 * @param tree the expression at the point of use (a local's name where it is read)
 */
public record Value(
    Fact fact,
    Kind kind,
    ApiTable api,
    TypeMirror type,
    ApiMethod origin,
    List<Value> operands,
    ExpressionTree opTree,
    ExpressionTree tree) {

  /** A value with nothing known but its fact, kind and library. */
  public static Value plain(Fact fact, Kind kind, ApiTable api, TypeMirror type, ExpressionTree tree) {
    return new Value(fact, kind, api, type, null, List.of(), tree, tree);
  }

  /** A number of Java's (the library is {@link Apis#scalars()}). */
  public static Value number(Fact fact, Kind kind, TypeMirror type, ExpressionTree tree) {
    return plain(fact, kind, Apis.scalars(), type, tree);
  }

  /** Nothing known at all. */
  public static Value unknown(ExpressionTree tree) {
    return plain(Fact.TOP, Kind.OTHER, null, null, tree);
  }

  /** The same value, read through the expression {@code use}. */
  public Value at(ExpressionTree use) {
    return new Value(fact, kind, api, type, origin, operands, opTree, use);
  }

  /** The same value under a different fact (a condition narrowed it). */
  public Value withFact(Fact f) {
    return new Value(f, kind, api, type, origin, operands, opTree, tree);
  }

  /** Whether this value was produced by the catalogue row {@code op}. */
  public boolean isOp(OpSpec op) {
    return origin != null && origin.role() == Role.UNARY && origin.op() == op;
  }

  /** Whether this value was produced by an API method with this role. */
  public boolean is(Role role) {
    return origin != null && origin.role() == role;
  }

  /** Operand i of the producing method. */
  public Value operand(int i) {
    return operands.get(i);
  }

  /** The value that flows at a merge point of two paths: their facts joined, origins kept only if shared. */
  public Value join(Value o, boolean widen) {
    if (o == this) {
      return this; // what the line below gives, without a copy: states shared by copies meet themselves
    }
    Fact f = widen ? fact.widen(o.fact) : fact.join(o.fact);
    boolean same = opTree == o.opTree;
    Kind k = kind.join(o.kind);
    ApiTable a = api == o.api ? api : k == Kind.FLOAT ? Apis.scalars() : null;
    return new Value(f, k, a, type != null ? type : o.type,
        same ? origin : null, same ? operands : List.of(), same ? opTree : tree, tree);
  }
}
