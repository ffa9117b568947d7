package dev.strand.resilience;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * HALF_OPEN: exactly {@code permits} trial calls are let through; when all of them have
 * completed, their failure and slow rates decide OPEN again or CLOSED.
 *
 * <p>Overview. {@code available} counts the trial permits left and only ever decreases by a
 * successful CAS from a positive value, so at most {@code permits} grants happen (a permit
 * comes back only through {@link #release()}, for a call whose outcome is ignored). Each
 * completion adds to {@code tally} in one atomic add that packs the completed, failed and slow
 * counts, so the completion that brings the count to {@code permits} sees the whole verdict and
 * is the only one to decide; the CAS in {@code CircuitBreaker.transition} makes the move once.
 *
 * <p>A permit that is never completed (a lost call, a manual user who forgot
 * {@code onSuccess}) must not wedge the breaker: once every permit is taken, a caller that
 * finds the breaker still HALF_OPEN {@code halfOpenMaxWait} after it entered HALF_OPEN moves it
 * back to OPEN (the unfinished trials count as failed), and a new round of trials follows the
 * next open duration.
 */
final class HalfOpenState extends BreakerState {

    private static final int BITS = 21;
    private static final long MASK = (1L << BITS) - 1;
    private static final long FAILED_ONE = 1L << BITS;
    private static final long SLOW_ONE = 1L << (2 * BITS);

    /** The largest halfOpenPermits the packed tally can count. */
    static final int MAX_PERMITS = (int) MASK;

    private static final VarHandle AVAILABLE = Handles.field(MethodHandles.lookup(), "available", int.class);
    private static final VarHandle TALLY = Handles.field(MethodHandles.lookup(), "tally", long.class);

    final int permits;
    final long enteredAtNanos;
    @SuppressWarnings("unused") // through AVAILABLE
    private volatile int available;
    @SuppressWarnings("unused") // through TALLY
    private volatile long tally;

    HalfOpenState(int permits, long enteredAtNanos) {
        this.permits = permits;
        this.enteredAtNanos = enteredAtNanos;
        this.available = permits;
    }

    @Override
    CircuitBreaker.State state() {
        return CircuitBreaker.State.HALF_OPEN;
    }

    @Override
    int tryAcquire(CircuitBreaker cb) {
        for (int a = (int) AVAILABLE.getVolatile(this); a > 0; a = (int) AVAILABLE.getVolatile(this)) {
            // Never below zero: a grant is a CAS from a positive count (a check-then-act would
            // let two callers take the last permit).
            if (AVAILABLE.compareAndSet(this, a, a - 1)) {
                return GRANTED;
            }
        }
        long now = cb.now();
        if (now - enteredAtNanos >= cb.halfOpenMaxWaitNanos && completed() < permits) {
            cb.transition(this, new OpenState(now, false, this));
            return RETRY;
        }
        return DENIED;
    }

    @Override
    void record(CircuitBreaker cb, long nowNanos, int outcome) {
        long delta = 1 + ((outcome & FAILED) != 0 ? FAILED_ONE : 0) + ((outcome & SLOW) != 0 ? SLOW_ONE : 0);
        long t = (long) TALLY.getAndAdd(this, delta) + delta;
        if ((t & MASK) != permits) {
            return; // trials still running (or a late extra completion after the verdict)
        }
        int failed = (int) ((t >>> BITS) & MASK);
        int slow = (int) ((t >>> (2 * BITS)) & MASK);
        BreakerState next = cb.rateReached(permits, failed, slow)
                ? new OpenState(cb.now(), false, this) // metrics keep the trials' figures
                : new ClosedState(cb.newWindow());
        cb.transition(this, next);
    }

    @Override
    void release() {
        AVAILABLE.getAndAdd(this, 1);
    }

    private int completed() {
        return (int) ((long) TALLY.getVolatile(this) & MASK);
    }

    @Override
    int[] counts(long nowNanos) {
        long t = (long) TALLY.getVolatile(this);
        return new int[] {(int) (t & MASK), (int) ((t >>> BITS) & MASK), (int) ((t >>> (2 * BITS)) & MASK)};
    }
}
