package dev.strand.resilience;

import java.time.Duration;

/**
 * Thrown (or used to complete a future) when a call protected by a {@link Timeout} did not
 * finish in time. The call was interrupted (sync) or its future cancelled (async).
 *
 * <p>Its own fields are final and set when it is created, so it may be handed between
 * threads.
 */
public final class TimeoutExceededException extends RuntimeException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** The timeout that was exceeded. */
    private final Duration timeout;

    TimeoutExceededException(Duration timeout) {
        super("call did not complete within " + timeout, null, false, false);
        this.timeout = timeout;
    }

    /**
     * Returns the timeout that was exceeded.
     *
     * @return the configured duration
     */
    public Duration timeout() {
        return timeout;
    }
}
