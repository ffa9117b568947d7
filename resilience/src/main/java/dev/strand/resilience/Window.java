package dev.strand.resilience;

/** The sliding window of a CLOSED breaker: the recent outcomes that decide whether it opens. */
abstract class Window {

    /**
     * Records one outcome ({@link BreakerState#FAILED}, {@link BreakerState#SLOW} bits).
     *
     * @return true if the window now holds at least {@code minimumCalls} and a rate reached its
     *         threshold (the breaker should open)
     */
    abstract boolean record(long nowNanos, int outcome);

    /** {calls, failed, slow} currently in the window. */
    abstract int[] counts(long nowNanos);
}
