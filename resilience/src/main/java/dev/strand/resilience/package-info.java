/**
 * Strand resilience: {@link dev.strand.resilience.Backoff} with {@link dev.strand.resilience.Jitter},
 * {@link dev.strand.resilience.Retry}, {@link dev.strand.resilience.Fallback},
 * {@link dev.strand.resilience.CircuitBreaker}, {@link dev.strand.resilience.Timeout} and
 * {@link dev.strand.resilience.Bulkhead}, each usable alone and composable with
 * {@link dev.strand.resilience.Policy#chain}, for synchronous calls and for
 * {@code CompletionStage}s.
 *
 * <pre>{@code
 * Retry retry = Retry.builder().maxAttempts(5)
 *         .backoff(Backoff.exponential(Duration.ofMillis(100)).jitter(Jitter.FULL)).build();
 * CircuitBreaker cb = CircuitBreaker.of(5, Duration.ofSeconds(30), 0.5);
 * Policy policy = Policy.chain(retry, cb);
 * String s = Fallback.of(e -> "cached").call(() -> policy.call(() -> remote()));
 * }</pre>
 *
 * <p>Everything that measures time takes a {@link dev.strand.core.Ticker}, everything that
 * waits a {@link dev.strand.core.Sleeper} or a {@code ScheduledExecutorService}, so tests run
 * on fake time. The success paths of {@code Retry} and {@code CircuitBreaker} allocate nothing.
 */
package dev.strand.resilience;
