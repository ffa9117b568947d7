package dev.strand.resilience;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The last {@code size} outcomes, lock-free.
 *
 * <p>Overview. A recorder takes a ticket from {@code cursor} (one atomic add) and writes its
 * outcome into slot {@code ticket % size} by swapping it with the slot's old outcome; it then
 * adds the difference between new and old to the {@code failed}/{@code slow} totals. Because
 * every slot change is an atomic swap and every total changes by exactly what the swap changed,
 * the totals always converge to the sum over the slots, whatever the interleaving (two tickets
 * a whole window apart may race on one slot: one of the two outcomes stays, the totals agree).
 * A reader may see a total a moment before or after its slot (a heuristic rate, never a drift).
 *
 * <p>Calls counted. While the window fills, {@code filled} counts recorders that have
 * <em>finished</em> (slot and totals written), not tickets taken: counting a ticket whose outcome
 * is not written yet would dilute the rate with a call that is still running, and a failure
 * could then leave the breaker CLOSED with every recorded call failed (jcstress
 * {@code OpenTransitionOnce} caught exactly that). A recorder bumps the totals before
 * {@code filled}, and a verdict reads {@code filled} before the totals, so every call counted has
 * its failure visible: the rate is never under-estimated (an in-flight failure may make it
 * over-estimated for a moment, clamped at 1).
 *
 * <p>Success path: when the slot already holds the same outcome (the steady state of a healthy
 * service), the swap would change nothing, so it is skipped: that read is the swap's
 * linearization point. A success can only lower the rates, so it asks for a verdict only when
 * it is the call that brings the window to {@code minimumCalls}.
 *
 * <p>Healthy fast path: in a full window with no failed and no slow call, every slot holds the
 * same outcome, so the ring is the same whatever the cursor: a success changes nothing and is
 * not recorded at all (three volatile reads, no write, no shared cache line dirtied). A failure
 * racing with it is linearized after it (it would only have overwritten another success).
 */
final class CountWindow extends Window {

    /** Marks a slot that holds an outcome (the empty slot is 0). */
    private static final int PRESENT = 4;

    private static final VarHandle CURSOR = Handles.field(MethodHandles.lookup(), "cursor", long.class);
    private static final VarHandle FAILED_CALLS = Handles.field(MethodHandles.lookup(), "failedCalls", int.class);
    private static final VarHandle SLOW_CALLS = Handles.field(MethodHandles.lookup(), "slowCalls", int.class);
    private static final VarHandle FILLED = Handles.field(MethodHandles.lookup(), "filled", int.class);

    private final CircuitBreaker cb;
    private final int size;
    private final AtomicIntegerArray slots;
    @SuppressWarnings("unused") // through CURSOR
    private volatile long cursor;
    @SuppressWarnings("unused") // through FAILED_CALLS
    private volatile int failedCalls;
    @SuppressWarnings("unused") // through SLOW_CALLS
    private volatile int slowCalls;
    @SuppressWarnings("unused") // through FILLED
    private volatile int filled;

    CountWindow(CircuitBreaker cb, int size) {
        this.cb = cb;
        this.size = size;
        this.slots = new AtomicIntegerArray(size);
    }

    @Override
    boolean record(long nowNanos, int outcome) {
        if (outcome == 0 && (int) FAILED_CALLS.getVolatile(this) == 0 && (int) SLOW_CALLS.getVolatile(this) == 0
                && (int) FILLED.getVolatile(this) == size) {
            return false; // an all-success full window: recording one more success changes nothing
        }
        long ticket = (long) CURSOR.getAndAdd(this, 1L);
        int slot = (int) (ticket % size);
        int stored = PRESENT | outcome;
        // Equal contents: skipping the swap is linearized at this volatile read.
        if (slots.get(slot) != stored) {
            int old = slots.getAndSet(slot, stored);
            int df = (stored & BreakerState.FAILED) - (old & BreakerState.FAILED);
            int ds = ((stored & BreakerState.SLOW) - (old & BreakerState.SLOW)) >> 1;
            if (df != 0) {
                FAILED_CALLS.getAndAdd(this, df);
            }
            if (ds != 0) {
                SLOW_CALLS.getAndAdd(this, ds);
            }
        }
        if (ticket < size) {
            // After the totals: a reader that counts this call sees its outcome (see overview).
            int nowFilled = (int) FILLED.getAndAdd(this, 1) + 1;
            if (outcome == 0 && nowFilled != cb.minimumCalls) {
                return false; // a success lowers the rates; only the call reaching the minimum asks
            }
        } else if (outcome == 0) {
            return false; // full window: a success lowers the rates
        }
        int[] c = counts(nowNanos);
        return cb.exceeded(c[0], c[1], c[2]);
    }

    @Override
    int[] counts(long nowNanos) {
        // filled first, then the totals (see the overview). Totals may be transiently off by an
        // in-flight swap: clamp them to [0, calls].
        int calls = (int) FILLED.getVolatile(this);
        int failed = Math.max(0, Math.min(calls, (int) FAILED_CALLS.getVolatile(this)));
        int slow = Math.max(0, Math.min(calls, (int) SLOW_CALLS.getVolatile(this)));
        return new int[] {calls, failed, slow};
    }
}
