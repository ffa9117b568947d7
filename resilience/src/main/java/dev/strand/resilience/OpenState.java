package dev.strand.resilience;

/**
 * OPEN: no call is permitted. The first call after the open duration moves the breaker to
 * HALF_OPEN (no timer thread: time is checked on that call). A forced-open state never does.
 */
final class OpenState extends BreakerState {

    final long openedAtNanos;
    final boolean forced;
    /**
     * The state whose figures opened the breaker (a CLOSED window or the HALF_OPEN trials),
     * kept so that metrics report them while OPEN; null when forced.
     */
    private final BreakerState cause;

    OpenState(long openedAtNanos, boolean forced, BreakerState cause) {
        this.openedAtNanos = openedAtNanos;
        this.forced = forced;
        this.cause = cause;
    }

    @Override
    CircuitBreaker.State state() {
        return CircuitBreaker.State.OPEN;
    }

    @Override
    int tryAcquire(CircuitBreaker cb) {
        if (forced) {
            return DENIED;
        }
        long now = cb.now();
        if (now - openedAtNanos < cb.openNanos) {
            return DENIED;
        }
        if (cb.currentState() == this) { // spares losers an allocation; the CAS still decides
            cb.transition(this, new HalfOpenState(cb.halfOpenPermits, now));
        }
        return RETRY;
    }

    @Override
    void record(CircuitBreaker cb, long nowNanos, int outcome) {
        // A call permitted before the breaker opened finished late: the verdict is already in.
    }

    @Override
    int[] counts(long nowNanos) {
        return cause == null ? new int[3] : cause.counts(nowNanos);
    }
}
