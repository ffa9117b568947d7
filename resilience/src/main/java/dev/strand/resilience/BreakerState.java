package dev.strand.resilience;

/**
 * One state of a {@link CircuitBreaker}: an immutable identity plus the counters of that
 * state's life. A transition replaces the breaker's state object by CAS, so a given object is
 * replaced at most once: that is what makes every transition happen once. A call records its
 * outcome into the state object that permitted it; a stale object (the breaker moved on) only
 * updates counters nobody reads any more.
 */
abstract class BreakerState {

    /** {@link #tryAcquire} results. */
    static final int GRANTED = 0;
    static final int DENIED = 1;
    /** The state changed (or was asked to change): read the breaker's state again. */
    static final int RETRY = 2;

    /** Outcome bits of a completed call. */
    static final int FAILED = 1;
    static final int SLOW = 2;

    abstract CircuitBreaker.State state();

    /** Asks for a permit; may move the breaker to another state. */
    abstract int tryAcquire(CircuitBreaker cb);

    /**
     * Records the outcome ({@link #FAILED}, {@link #SLOW} bits) of a call this state permitted.
     *
     * @param nowNanos the ticker's reading at completion (only read by a time-based window)
     */
    abstract void record(CircuitBreaker cb, long nowNanos, int outcome);

    /** Gives back the permit of a call whose outcome is not recorded (an ignored exception). */
    void release() {
    }

    /** {calls, failed, slow} as the breaker's metrics report them. */
    abstract int[] counts(long nowNanos);
}
