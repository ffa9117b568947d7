package dev.strand.resilience;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * A resilience policy that wraps a call: {@link Retry}, {@link CircuitBreaker}, {@link Timeout},
 * {@link Bulkhead}, {@link Fallback}, or a {@link #chain(Policy...) chain} of them. The same policy object serves
 * synchronous calls and calls that return a {@link CompletionStage}.
 *
 * <pre>{@code
 * Policy policy = Policy.chain(fallback, retry, breaker, timeout);   // outermost first
 * String s = policy.call(() -> remote());                        // remote() may throw IOException
 * CompletableFuture<String> f = policy.callAsync(() -> remoteAsync(), scheduler);
 * }</pre>
 *
 * <p>Implementations are thread-safe: one policy object may protect calls from many threads.
 */
public interface Policy {

    /**
     * Makes {@code supplier}'s call under this policy, on the calling thread.
     *
     * @param supplier the call; not null
     * @param <T> the result type
     * @param <E> the checked exception the call may throw, which propagates with its own type
     * @return the call's result
     * @throws E when the call fails and the policy lets its failure through
     * @throws RuntimeException the policy's own exceptions ({@link RetryExhaustedException},
     *         {@link CircuitOpenException}, {@link TimeoutExceededException},
     *         {@link BulkheadFullException}) or the call's unchecked ones
     */
    <T, E extends Exception> T call(CheckedSupplier<T, E> supplier) throws E;

    /**
     * Makes {@code supplier}'s asynchronous call under this policy. Never blocks the calling
     * thread: waits (between retries, for a timeout) are scheduled on {@code scheduler}. A
     * supplier that throws instead of returning a stage counts as a failed call.
     *
     * @param supplier starts the call and returns its stage; not null
     * @param scheduler runs delayed actions; not null
     * @param <T> the result type
     * @return a future completed with the result, or exceptionally with the failure the policy
     *         lets through (never wrapped in a {@code CompletionException} by the policy itself)
     */
    <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> supplier,
                                       ScheduledExecutorService scheduler);

    /**
     * Makes {@code supplier}'s asynchronous call under this policy, with delayed actions on the
     * library's default scheduler: one shared daemon thread named
     * {@code strand-resilience-scheduler}, started on first use and ended after a second
     * without work (it never holds the JVM open). Retries started by a wait run on that thread,
     * so the supplier must return its stage quickly and never block; pass your own scheduler to
     * {@link #callAsync(Supplier, ScheduledExecutorService)} otherwise.
     *
     * @param supplier starts the call and returns its stage; not null
     * @param <T> the result type
     * @return as {@link #callAsync(Supplier, ScheduledExecutorService)}
     */
    default <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> supplier) {
        return callAsync(supplier, SharedScheduler.get());
    }

    /**
     * Composes policies: a call goes through {@code policies[0]}, then {@code policies[1]}, and
     * so on, the last wrapping the call itself ({@code chain(retry, breaker)} retries calls
     * that the breaker guards, so each attempt is recorded by the breaker).
     *
     * @param policies the policies, outermost first; not null, at least one, no null element
     * @return a policy applying them in order
     * @throws IllegalArgumentException if {@code policies} is empty
     */
    static Policy chain(Policy... policies) {
        Objects.requireNonNull(policies, "policies");
        if (policies.length == 0) {
            throw new IllegalArgumentException("policies must not be empty");
        }
        Policy inner = Objects.requireNonNull(policies[policies.length - 1], "policies[" + (policies.length - 1) + "]");
        for (int i = policies.length - 2; i >= 0; i--) {
            inner = new Chain(Objects.requireNonNull(policies[i], "policies[" + i + "]"), inner);
        }
        return inner;
    }
}
