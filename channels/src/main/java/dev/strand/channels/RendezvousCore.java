package dev.strand.channels;

import dev.strand.core.Ticker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/*
 * Rendezvous hand-off
 * ===================
 * One slot holds at most one Offer (message + the sender waiting for it, if any). A sender:
 *   1. claims the empty slot with a CAS (waiting, as producers of a full bounded channel do
 *      (Core overview, 2), while another offer occupies it);
 *   2. reads `signal` and wakes the consumer, exactly as after a queue offer (overview, 1);
 *   3. waits until its Offer's state says TAKEN (the receiver has it: send returns) or
 *      RETURNED (the receiver closed: SendException with the message).
 * The receiver takes the Offer by CASing the slot from it to null, then publishes TAKEN and
 * unparks the sender. A sender that times out or is interrupted tries the same CAS: winning it
 * takes the message back (not delivered: false / InterruptedException); losing it means the
 * receiver (or close) already owns the Offer, whose state the sender then awaits. The slot CAS
 * is the single arbiter, so a message is taken exactly once. Receiver.close() takes a pending
 * Offer the same way and marks it RETURNED (or, for an Offer left by trySend with no sender
 * waiting, hands its message to onUndelivered).
 */

/** {@link Channel#rendezvous()}: no buffer; each send waits until the receiver takes it. */
final class RendezvousCore<T> extends Core<T> {

    static final int PENDING = 0;
    static final int TAKEN = 1;
    static final int RETURNED = 2;

    private static final VarHandle SLOT;

    static {
        try {
            SLOT = MethodHandles.lookup().findVarHandle(RendezvousCore.class, "slot", Offer.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile Offer<T> slot;

    RendezvousCore(Consumer<? super T> onUndelivered, Ticker ticker) {
        super(onUndelivered, ticker);
    }

    /** A message in the slot. */
    static final class Offer<T> {
        final T msg;
        /** The sender waiting for the outcome, or null (trySend). */
        final Thread sender;
        volatile int state;

        Offer(T msg, Thread sender) {
            this.msg = msg;
            this.sender = sender;
        }
    }

    /** trySend: succeeds only if the receiver is waiting now and the slot is free. */
    @Override
    boolean offerNow(T msg) {
        checkNotClosed(msg);
        if (!(signal instanceof Waiter) || slot != null) {
            return false;
        }
        Offer<T> o = new Offer<>(msg, null);
        if (!SLOT.compareAndSet(this, null, o)) {
            return false;
        }
        afterPlace(o);
        return true;
    }

    /** Step 2: wake the consumer; in a terminal state take the offer back if still there. */
    private void afterPlace(Offer<T> o) {
        // Volatile read after the slot CAS: the partner of the consumer's Waiter CAS (overview, 1).
        Object s = signal;
        if (s instanceof Waiter) {
            wake((Waiter) s);
        } else if (s != null && SLOT.compareAndSet(this, o, null)) {
            wakeProducers(1);
            throw new SendException(o.msg, s == CLOSED ? RECEIVER_CLOSED : SENDER_CLOSED);
        }
    }

    @Override
    boolean sendBlocking(T msg, boolean timed, long deadline) throws InterruptedException {
        Thread me = Thread.currentThread();
        Offer<T> o = new Offer<>(msg, me);
        if (!claimSlot(o, timed, deadline)) {
            return false; // timed out before the slot was free: never placed
        }
        afterPlace(o);
        for (int i = 0;; i++) {
            int st = o.state;
            if (st == TAKEN) {
                return true;
            }
            if (st == RETURNED) {
                throw new SendException(msg, RECEIVER_CLOSED);
            }
            if (i < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            boolean interrupted = Thread.interrupted();
            long nanos = 0L;
            boolean timedOut = false;
            if (timed) {
                nanos = deadline - ticker.nanoTime();
                timedOut = nanos <= 0L;
            }
            if (interrupted || timedOut) {
                if (SLOT.compareAndSet(this, o, null)) { // took it back: not delivered
                    wakeProducers(1);
                    if (interrupted) {
                        throw new InterruptedException();
                    }
                    return false;
                }
                // The receiver (or close) owns the offer now; its state follows at once.
                st = awaitOutcome(o);
                if (interrupted) {
                    Thread.currentThread().interrupt(); // delivered anyway: keep the interrupt
                }
                if (st == TAKEN) {
                    return true;
                }
                throw new SendException(msg, RECEIVER_CLOSED);
            }
            if (i < PARK_AFTER) {
                Thread.yield(); // the receiver may be waiting for this CPU (Core overview, "Waiting")
                continue;
            }
            park(timed, nanos);
        }
    }

    /** Step 1: waits for the free slot and claims it; false on timeout. */
    private boolean claimSlot(Offer<T> o, boolean timed, long deadline) throws InterruptedException {
        Thread me = o.sender;
        ProducerNode node = null;
        for (int i = 0;; i++) {
            checkNotClosed(o.msg);
            if (slot == null && SLOT.compareAndSet(this, null, o)) {
                return true;
            }
            long nanos = 0L;
            if (timed) {
                nanos = deadline - ticker.nanoTime();
                if (nanos <= 0L) {
                    passOn(node);
                    return false;
                }
            }
            if (i < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            if (Thread.interrupted()) {
                passOn(node);
                throw new InterruptedException(); // never placed
            }
            if (i < PARK_AFTER) {
                Thread.yield(); // no node pushed yet: nothing to pass on (Core overview, "Waiting")
                continue;
            }
            node = new ProducerNode(me);
            pushProducer(node); // CAS: a full fence before the re-checks below
            boolean parked = false;
            try {
                checkNotClosed(o.msg);
                if (slot == null) {
                    continue;
                }
                park(timed, nanos);
                parked = true;
            } finally {
                node.done = true;
                if (!parked) {
                    passOn(node); // a wake-up aimed at this node must not be wasted on us
                }
            }
        }
    }

    private static int awaitOutcome(Offer<?> o) {
        int st;
        for (int i = 0; (st = o.state) == PENDING; i++) {
            backoff(i);
        }
        return st;
    }

    @Override
    T pollQuiet() {
        Offer<T> o = slot;
        if (o == null || !SLOT.compareAndSet(this, o, null)) {
            return null; // empty, or its sender just took it back
        }
        o.state = TAKEN;
        if (o.sender != null) {
            LockSupport.unpark(o.sender);
        }
        // The slot CAS above is a full fence: read the waiting producers (overview, 2).
        wakeProducers(1);
        return o.msg;
    }

    @Override
    boolean bufferEmpty() {
        return slot == null;
    }

    @Override
    boolean drainBuffer(Object mine) {
        Offer<T> o = slot;
        if (o != null && SLOT.compareAndSet(this, o, null)) {
            if (o.sender != null) {
                o.state = RETURNED; // its sender is waiting: it throws SendException with it
                LockSupport.unpark(o.sender);
            } else {
                o.state = TAKEN;
                deliverUndelivered(o.msg);
            }
        }
        wakeAllProducers();
        return false;
    }

    @Override
    String flavour() {
        return "rendezvous";
    }
}
