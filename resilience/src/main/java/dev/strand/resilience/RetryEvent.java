package dev.strand.resilience;

import java.time.Duration;

/**
 * What a {@link Retry} tells its {@code onRetry} listener before it waits for the next attempt.
 * Created only when a listener is registered.
 *
 * <p>Shallowly immutable (a record of final references), so it may be handed between threads;
 * {@code failure} and {@code result} are the objects the call produced.
 *
 * @param attempt the attempt that just failed, 1 for the first call
 * @param failure the exception it threw, or null when its result was rejected
 * @param result the rejected result when {@code failure} is null, else null
 * @param nextDelay how long the retry waits before the next attempt
 */
public record RetryEvent(int attempt, Throwable failure, Object result, Duration nextDelay) {
}
