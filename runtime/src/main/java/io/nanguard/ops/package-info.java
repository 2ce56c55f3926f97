/**
 * The op catalogue: one table that says, for every elementwise op NaNGuard knows, its forward
 * rule, its derivative, its domain, where its value or gradient stops being finite, how it maps
 * a range of inputs to a range of outputs, and its epsilon-safe form.
 *
 * <p>All three halves of NaNGuard read this one table so they cannot disagree: the autograd
 * engine ({@code io.nanguard.tensor}) takes forward and derivative rules from it, the run-time
 * checker asks "is this input at a singular point?", and the compile-time analysis asks "can this
 * range reach a singular point?".
 */
package io.nanguard.ops;
