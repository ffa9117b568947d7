package dev.strand.resilience;

/**
 * OPEN: no call is permitted. The first call after the open duration moves the breaker to
 * HALF_OPEN (no timer thread: time is checked on that call). A forced-open state never does.
 */
final class OpenState extends BreakerState {

    final long openedAtNanos;
    final boolean forced;
    /** The window that opened the breaker, kept for metrics; null when forced. */
    private final Window lastWindow;

    OpenState(long openedAtNanos, boolean forced, Window lastWindow) {
        this.openedAtNanos = openedAtNanos;
        this.forced = forced;
        this.lastWindow = lastWindow;
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
        return lastWindow == null ? new int[3] : lastWindow.counts(nowNanos);
    }
}
