package dev.strand.resilience;

import java.time.Duration;

/**
 * Something a policy did, as given to the listeners added with {@code onEvent} on
 * {@link Retry#onEvent Retry}, {@link CircuitBreaker#onEvent CircuitBreaker},
 * {@link Bulkhead#onEvent Bulkhead}, {@link Timeout#onEvent Timeout} and
 * {@link Fallback#onEvent Fallback}: one listener type for every policy.
 *
 * <pre>{@code
 * breaker.onEvent(e -> {
 *     if (e.type() == PolicyEvent.Type.BREAKER_STATE_CHANGE) {
 *         log.info("{}: {} -> {}", e.source(), e.from(), e.to());
 *     }
 * });
 * }</pre>
 *
 * <p>An event object is created only when at least one listener is registered, so a policy
 * without listeners allocates nothing for events. Which fields a type fills is said on each
 * {@link Type} constant; the others are 0 or null.
 *
 * <p>Shallowly immutable (a record of final references), so it may be handed between threads;
 * {@code failure} is the object the call threw.
 *
 * @param type what happened
 * @param source the policy that reports it
 * @param attempt for retry events the attempt concerned (1 for the first call), else 0
 * @param failure the failure concerned, or null
 * @param duration a duration whose meaning depends on the type (next delay, call duration,
 *        timeout), or null
 * @param from for {@link Type#BREAKER_STATE_CHANGE} the state before, else null
 * @param to for {@link Type#BREAKER_STATE_CHANGE} the state after, else null
 */
public record PolicyEvent(Type type, Policy source, int attempt, Throwable failure, Duration duration,
                          CircuitBreaker.State from, CircuitBreaker.State to) {

    /**
     * The kinds of events, grouped by the policy that reports them.
     *
     * <p>Immutable, like every enum.
     */
    public enum Type {
        /**
         * A retry's attempt failed (an exception, or a result the retry rejects) and another
         * follows: {@code attempt}, {@code failure} (null for a rejected result), {@code duration}
         * = the wait before the next attempt.
         */
        RETRY_ATTEMPT,
        /** A retried call succeeded after at least one failed attempt: {@code attempt} = attempts made. */
        RETRY_SUCCESS,
        /**
         * A retry gave up because attempts or time ran out (or the wait was interrupted):
         * {@code attempt}, {@code failure} = the last failure (null for a rejected result).
         */
        RETRY_EXHAUSTED,
        /**
         * A retry stopped at once on a failure it must not retry (an abort or ignore rule, no
         * record rule matching, an {@code InterruptedException}): {@code attempt}, {@code failure}.
         */
        RETRY_ABORTED,
        /** A breaker recorded a successful call: {@code duration} = the call's duration when the breaker measures it, else null. */
        BREAKER_SUCCESS,
        /** A breaker recorded a failed call: {@code failure}, {@code duration} as for success. */
        BREAKER_FAILURE,
        /** A breaker recorded a slow call (reported besides its success or failure): {@code duration}. */
        BREAKER_SLOW,
        /** A breaker refused a call. */
        BREAKER_NOT_PERMITTED,
        /** A breaker changed state: {@code from}, {@code to}. */
        BREAKER_STATE_CHANGE,
        /** A bulkhead admitted a call. */
        BULKHEAD_ADMITTED,
        /** A bulkhead refused a call because it was full. */
        BULKHEAD_REJECTED,
        /** A timeout gave up on a call: {@code duration} = the timeout. */
        TIMEOUT_TIMED_OUT,
        /** A fallback replaced a failure by its value: {@code failure}. */
        FALLBACK_USED
    }

    static PolicyEvent of(Type type, Policy source, int attempt, Throwable failure, Duration duration) {
        return new PolicyEvent(type, source, attempt, failure, duration, null, null);
    }
}
