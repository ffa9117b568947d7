package dev.strand.channels;

import dev.strand.core.Ticker;
import java.util.concurrent.locks.LockSupport;

/*
 * The one way a channel operation waits
 * =====================================
 *
 * Every blocking wait of this package is an instance of Wait run by await(): a recv on an empty
 * channel (Core.ReceiveWait), a send on a full bounded channel or on an occupied rendezvous slot
 * (Core.ProducerWait), a rendezvous sender waiting for its taker (RendezvousCore.Offer) and a
 * Select over several receivers (Select.SelectWait). The loop, round by round:
 *
 *   attempt()                      finish if the operation can complete now
 *   SPINS rounds: Thread.onSpinWait()
 *   interrupted?                   interrupted(): a result, or InterruptedException
 *   deadline passed?               expired(): one last attempt, or null (timed out)
 *   `yields` rounds: Thread.yield()
 *   register()                     publish "wake me" where the partner looks (a CAS: a full fence)
 *   ready()?                       re-check after publishing: if not, park
 *   unregister(parked)             withdraw on every way out of the registration
 *
 * The spin and yield phases publish nothing, so they add no case to the wake-up protocols (Core
 * overview, 1 and 2): a thread only becomes wakeable once it has registered, and it parks only
 * if its re-check, ordered after the registration, saw nothing to do. Whoever makes the awaited
 * event happen does it first and then reads the registration (Dekker's pattern), so either the
 * re-check sees the event or the partner sees the registration and unparks the thread. A park
 * may also return for no reason (a stale unpark, a spurious wake-up): the loop simply goes
 * round again, which is why unregister must be harmless when the partner already withdrew the
 * registration itself.
 *
 * The yield phase matters on machines with few cores: the partner thread is often runnable but
 * waiting for this very CPU, and a park here would cost it an unpark (a system call) per
 * hand-off and us a scheduler wake-up; measured, parking on both sides of every batch made a
 * bounded channel slower than ArrayBlockingQueue.
 *
 * Interrupt and deadline are checked once per round from the yield phase on (an operation that
 * can complete at once completes even when the thread is interrupted, as in
 * java.util.concurrent). InterruptedException leaves the interrupt status clear, as Java
 * expects; an interrupted() that returns a result (the operation completed anyway) sets it
 * again. A non-system ticker is re-read at least every MANUAL_TICKER_SLICE_NANOS while parked,
 * so that a test's ManualTicker ends a timed wait.
 */

/**
 * One blocking wait of a channel operation: the operation supplies the steps, {@link #await}
 * runs them in the one spin, yield, register, re-check, park order (see the comment above).
 * An instance serves one thread at a time.
 *
 * @param <R> what the operation returns; {@code null} is reserved for "timed out"
 */
abstract class Wait<R> {

    /** Busy spins before yielding: cover the common case of a partner just running behind. */
    static final int SPINS = 64;
    /**
     * {@code Thread.yield()} rounds after the spins and before parking, for a receive, a
     * rendezvous and a select. On a machine with few cores the partner is often waiting for this
     * very CPU: a yield hands it over for one system call, where parking costs the partner an
     * unpark and us a wake-up.
     */
    static final int YIELDS = 128;
    /** The longest single park when a non-system ticker must be re-read. */
    static final long MANUAL_TICKER_SLICE_NANOS = 1_000_000L;

    /**
     * Tries to complete the operation now.
     *
     * @param parkPhase whether the wait is past its spin and yield phases (an operation may use a
     *                  cheaper heuristic before, and must make an exact attempt after)
     * @return the result, or null to go on waiting
     */
    abstract R attempt(boolean parkPhase);

    /**
     * Publishes this waiter where the partner looks, with a full fence before {@link #ready()}.
     *
     * @return false if it cannot be published (a terminal state): the next attempt reports it
     */
    abstract boolean register();

    /** After {@link #register()}: whether the awaited event may have happened (then no park). */
    abstract boolean ready();

    /**
     * Withdraws what {@link #register()} published; called after every registration attempt,
     * whatever happened since. Must be harmless if the partner already withdrew it.
     *
     * @param parked whether the thread parked (and may have been chosen to wake)
     * @return a result handed over directly while registered, or null
     */
    abstract R unregister(boolean parked);

    /**
     * The deadline has passed: one last attempt (as {@code ArrayBlockingQueue.offer} with a
     * timeout makes), so that a thread that runs only after its deadline still completes when
     * it can.
     *
     * @return the result, or null for "timed out"
     */
    R expired() {
        return attempt(true);
    }

    /**
     * The thread was interrupted (its status is now clear).
     *
     * @return null to throw {@link InterruptedException}, or the result of an operation that
     *         completed anyway (the implementation then sets the interrupt status again)
     */
    R interrupted() {
        return null;
    }

    /**
     * Waits until the operation completes, the deadline passes or the thread is interrupted.
     *
     * @param yields   yield rounds between the spins and the first park
     * @param timed    whether {@code deadline} applies
     * @param deadline in {@code ticker}'s nanoseconds
     * @param ticker   the channel's time source
     * @return the result; null only when the deadline passed
     * @throws InterruptedException if interrupted (and {@link #interrupted()} returned null)
     */
    final R await(int yields, boolean timed, long deadline, Ticker ticker) throws InterruptedException {
        int parkAfter = SPINS + yields;
        for (int i = 0;; i++) {
            R r = attempt(i >= parkAfter);
            if (r != null) {
                return r;
            }
            if (i < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            if (Thread.interrupted()) {
                r = interrupted();
                if (r == null) {
                    throw new InterruptedException();
                }
                return r;
            }
            long nanos = 0L;
            if (timed) {
                nanos = deadline - ticker.nanoTime();
                if (nanos <= 0L) {
                    return expired();
                }
            }
            if (i < parkAfter) {
                Thread.yield(); // the partner may be waiting for this CPU (see above)
                continue;
            }
            boolean parked = false;
            try {
                // register() is a full fence before ready(): the re-check of Dekker's pattern.
                if (register() && !ready()) {
                    park(timed, nanos, ticker);
                    parked = true;
                }
            } finally {
                r = unregister(parked);
            }
            if (r != null) {
                return r;
            }
        }
    }

    private void park(boolean timed, long nanos, Ticker ticker) {
        if (!timed) {
            LockSupport.park(this);
        } else {
            LockSupport.parkNanos(this, ticker == Ticker.system() ? nanos : Math.min(nanos, MANUAL_TICKER_SLICE_NANOS));
        }
    }

    /**
     * A short wait for a partner that is between two instructions (a claimed but unwritten
     * slot, an owner about to leave): spin, then yield. Never parks.
     *
     * @param round how many times the caller has waited already
     */
    static void backoff(int round) {
        if (round < SPINS) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }
}
