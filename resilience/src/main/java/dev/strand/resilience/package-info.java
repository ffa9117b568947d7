/**
 * Strand resilience: retry with backoff and jitter, fallback, circuit breaker, timeout and
 * bulkhead, each usable alone and composable with {@link dev.strand.resilience.Policy#chain},
 * for synchronous calls and for {@code CompletionStage}s.
 *
 * <pre>{@code
 * Retry retry = Retry.builder().maxAttempts(5)
 *         .backoff(Backoff.exponential(Duration.ofMillis(100)).jitter(Jitter.FULL)).build();
 * CircuitBreaker cb = CircuitBreaker.of(5, Duration.ofSeconds(30), 0.5);
 * Policy policy = Policy.chain(Fallback.of(e -> "cached"), retry, cb);
 * String s = policy.call(() -> remote());
 * }</pre>
 *
 * <h2>Map</h2>
 * <ul>
 *   <li>Composition: {@link dev.strand.resilience.Policy} (the one interface, sync and async;
 *       {@code chain}), {@link dev.strand.resilience.CheckedSupplier} (a call that may throw its
 *       own checked exception); {@code Chain} (one link of a chain).</li>
 *   <li>Retry: {@link dev.strand.resilience.Retry} and its {@code Builder},
 *       {@link dev.strand.resilience.Backoff} (an immutable value: its {@code with}-style
 *       methods return copies), {@link dev.strand.resilience.Jitter},
 *       {@link dev.strand.resilience.RetryEvent} (the {@code onRetry} argument),
 *       {@link dev.strand.resilience.RetryExhaustedException}; {@code AsyncRetry} (one
 *       asynchronous run).</li>
 *   <li>Circuit breaker: {@link dev.strand.resilience.CircuitBreaker} (with {@code State},
 *       {@code Transition}, {@code Metrics}, {@code Builder}),
 *       {@link dev.strand.resilience.CircuitOpenException}; internally one state object per
 *       state, {@code BreakerState} with {@code ClosedState}, {@code OpenState},
 *       {@code HalfOpenState}, and the sliding windows {@code Window}, {@code CountWindow},
 *       {@code TimeWindow}.</li>
 *   <li>Fallback: {@link dev.strand.resilience.Fallback} and its {@code Builder}.</li>
 *   <li>Timeout and bulkhead: {@link dev.strand.resilience.Timeout},
 *       {@link dev.strand.resilience.TimeoutExceededException},
 *       {@link dev.strand.resilience.Bulkhead}, {@link dev.strand.resilience.BulkheadFullException};
 *       {@code SharedScheduler} (the one lazily started daemon scheduler behind
 *       {@code Timeout} and {@code Policy.callAsync(supplier)}).</li>
 *   <li>Failure rules: {@code FailurePolicyBuilder} (the self-typed record/ignore rules that the
 *       Retry, CircuitBreaker and Fallback builders share) and {@code FailureRules} (the one
 *       matcher of exception types and predicates).</li>
 *   <li>Observability: {@link dev.strand.resilience.PolicyEvent} (the one event type of every
 *       policy's {@code onEvent} listeners), {@code Listeners} (the one place listeners are
 *       called; a listener that throws goes to the thread's uncaught-exception handler),
 *       {@code Jfr} (JDK Flight Recorder events {@code dev.strand.BreakerTransition},
 *       {@code dev.strand.Retry}, {@code dev.strand.BulkheadRejected}, off unless a recording
 *       enables them).</li>
 *   <li>Plumbing: {@code Sneaky} (rethrows a call's own exception unwrapped, relays stages),
 *       {@code Handles} (finds the VarHandles of the atomic fields).</li>
 * </ul>
 *
 * <h2>Builders</h2>
 * A type named {@code *Builder} mutates in place and returns {@code this}; {@code build()} takes
 * an immutable copy. Immutable value types ({@link dev.strand.resilience.Backoff}) return copies
 * from their setter-style methods instead.
 *
 * <p>Everything that measures time takes a {@link dev.strand.core.Ticker}, everything that
 * waits a {@link dev.strand.core.Sleeper} or a {@code ScheduledExecutorService}, so tests run
 * on fake time. The success paths of {@code Retry}, {@code CircuitBreaker} and {@code Bulkhead}
 * allocate nothing when no listener is registered.
 */
package dev.strand.resilience;
