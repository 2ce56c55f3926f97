package io.nanguard.ops.api;

/**
 * A provider of knowledge about one numeric library: how NaNGuard's compile-time analysis learns
 * a tensor library without an edit of the processor, in the manner of NullAway's
 * {@code LibraryModels} and AutoValue's extensions.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Discovery.</b> The processor finds providers with {@link java.util.ServiceLoader} on
 *       its own class path (the annotation processor path): a provider is a public class with a
 *       public no-argument constructor, listed in
 *       {@code META-INF/services/io.nanguard.ops.api.TensorApi} of its jar. The built-in tables
 *       ({@link TensorLibraryApi} for {@code io.nanguard.tensor.Tensor}, {@link JavaMathApi} for
 *       {@code java.lang.Math}) are always present. Providers depend on {@code nanguard-runtime}
 *       only, never on javac.
 *   <li><b>Data, not code.</b> {@link #table()} returns an {@link ApiTable}, built with
 *       {@link ApiTable#builder}: the library's tensor types (qualified names), the classes of its
 *       static functions, one row per method (name, arity, {@link Role}, the op catalogue row for
 *       elementwise ops, the operand index of an axis argument, what it returns), its
 *       {@link io.nanguard.ops.FloatFormat}, and its guard class. It is called once per
 *       processor class loader; the table must not change afterwards.
 *   <li><b>Tensor types are exact.</b> Only a receiver whose type is one of the table's tensor
 *       types is looked up in it; a receiver of any other or of unknown type is not a tensor.
 *       Two providers must not claim the same type (the processor reports a conflict).
 *   <li><b>The guard class.</b> Generated code replaces an unsafe op by a call to a public static
 *       method of the guard class, named after the catalogue row ({@code OpSpec#name()}, e.g.
 *       {@code sqrt}, {@code log}, {@code acos}), taking the operand, then {@code double eps},
 *       then {@code String site} (the user's {@code "File.java:line"}) and returning the
 *       operand's type. Besides the rows the library maps, it declares {@code divisor(T b,
 *       double eps, String site)} (b with |b| raised to at least eps, sign kept: the operand
 *       guard of the division row) for {@link Role#DIV}, {@code pow(T x, double p, double eps,
 *       String site)} for {@link Role#POW},
 *       and, where the library has the composition, the stable forms {@code logSumExp(T, int dim,
 *       ...)}, {@code logSoftmax(T, int, ...)}, {@code softmax(T, int, ...)},
 *       {@code logSigmoid(T, ...)} and {@code log1p(T, ...)}. For a row it has no method of its own
 *       for, generated code calls {@code unary(OpSpec row, T x, double eps, String site)} with the
 *       catalogue's constant ({@code OpCatalog.LOGIT}), if the guard class declares it, and for
 *       a binary row likewise {@code binary(BinarySpec row, T a, T b, double eps, String site)}
 *       ({@code BinaryRows.ATAN2}): a new catalogue row is then guarded with no edit of the
 *       guard class. The guards' arithmetic should be
 *       {@code io.nanguard.guard.Guard}'s (the catalogue's guard transforms). Which method a
 *       rewrite calls is resolved as javac would, with the operands' types ({@code pow(T x, T p,
 *       double eps, String site)} serves a tensor exponent, {@code pow(T, double, ...)} a
 *       constant one); an op for which no method applies is left as written with a note, never
 *       written as uncompilable generated code.
 * </ul>
 */
public interface TensorApi {

  /** The library's table. */
  ApiTable table();
}
