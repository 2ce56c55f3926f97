/**
 * The service-provider interface through which tensor libraries are described to NaNGuard's
 * compile-time analysis: {@link io.nanguard.ops.api.TensorApi} (found with
 * {@link java.util.ServiceLoader}) supplies an {@link io.nanguard.ops.api.ApiTable}, rows of
 * {@link io.nanguard.ops.api.ApiMethod} over {@link io.nanguard.ops.api.Role}s and the op
 * catalogue.
 *
 * <p>It lives in the runtime, next to the op catalogue its rows point into, so a provider module
 * depends on {@code nanguard-runtime} (which it needs anyway for the catalogue and the guards'
 * arithmetic) and never on the processor or on javac's internals.
 */
package io.nanguard.ops.api;
