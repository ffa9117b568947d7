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
 * <p>Success path: when the slot already holds the same outcome (the steady state of a healthy
 * service), the swap would change nothing, so it is skipped: that read is the swap's
 * linearization point. A success can only lower the rates, so it asks for a verdict only while
 * the window has not yet reached {@code minimumCalls}.
 */
final class CountWindow extends Window {

    /** Marks a slot that holds an outcome (the empty slot is 0). */
    private static final int PRESENT = 4;

    private static final VarHandle CURSOR;
    private static final VarHandle FAILED_CALLS;
    private static final VarHandle SLOW_CALLS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            CURSOR = l.findVarHandle(CountWindow.class, "cursor", long.class);
            FAILED_CALLS = l.findVarHandle(CountWindow.class, "failedCalls", int.class);
            SLOW_CALLS = l.findVarHandle(CountWindow.class, "slowCalls", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final CircuitBreaker cb;
    private final int size;
    private final AtomicIntegerArray slots;
    @SuppressWarnings("unused") // through CURSOR
    private volatile long cursor;
    @SuppressWarnings("unused") // through FAILED_CALLS
    private volatile int failedCalls;
    @SuppressWarnings("unused") // through SLOW_CALLS
    private volatile int slowCalls;

    CountWindow(CircuitBreaker cb, int size) {
        this.cb = cb;
        this.size = size;
        this.slots = new AtomicIntegerArray(size);
    }

    @Override
    boolean record(long nowNanos, int outcome) {
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
        if (outcome == 0 && ticket >= cb.minimumCalls) {
            return false; // a success lowers the rates: no new verdict once past minimumCalls
        }
        return cb.exceeded(calls(), (int) FAILED_CALLS.getVolatile(this), (int) SLOW_CALLS.getVolatile(this));
    }

    private int calls() {
        return (int) Math.min((long) CURSOR.getVolatile(this), size);
    }

    @Override
    int[] counts(long nowNanos) {
        // Totals may be transiently off by an in-flight swap (see the overview): clamp at 0.
        return new int[] {calls(), Math.max(0, (int) FAILED_CALLS.getVolatile(this)),
                Math.max(0, (int) SLOW_CALLS.getVolatile(this))};
    }
}
