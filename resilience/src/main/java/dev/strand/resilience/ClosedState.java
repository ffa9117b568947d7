package dev.strand.resilience;

/** CLOSED: every call is permitted and recorded in a fresh sliding window. */
final class ClosedState extends BreakerState {

    final Window window;

    ClosedState(Window window) {
        this.window = window;
    }

    @Override
    CircuitBreaker.State state() {
        return CircuitBreaker.State.CLOSED;
    }

    @Override
    int tryAcquire(CircuitBreaker cb) {
        return GRANTED;
    }

    @Override
    void record(CircuitBreaker cb, long nowNanos, int outcome) {
        if (window.record(nowNanos, outcome)) {
            // Several recorders may see the threshold reached: the CAS in transition() lets one win.
            cb.transition(this, new OpenState(cb.now(), false, this));
        }
    }

    @Override
    int[] counts(long nowNanos) {
        return window.counts(nowNanos);
    }
}
