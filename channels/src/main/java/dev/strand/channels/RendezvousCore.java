package dev.strand.channels;

import dev.strand.core.Ticker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/*
 * Rendezvous hand-off
 * ===================
 * One slot holds at most one Offer (message + the sender waiting for it). A sender:
 *   1. claims the empty slot with a CAS (waiting, as producers of a full bounded channel do
 *      (Core overview, 2), while another offer occupies it);
 *   2. reads `signal` and wakes the consumer, exactly as after a queue offer (overview, 1);
 *   3. waits until its Offer's outcome says TAKEN (the receiver has it: send returns) or
 *      RETURNED (the receiver closed: SendException with the message).
 * The receiver takes the Offer by CASing the slot from it to null, then publishes TAKEN and
 * unparks the sender. A sender that times out or is interrupted tries the same CAS: winning it
 * takes the message back (not delivered: false / InterruptedException); losing it means the
 * receiver (or close) already owns the Offer, whose outcome the sender then awaits. The slot CAS
 * is the single arbiter, so a message is taken exactly once. Receiver.close() takes a pending
 * Offer the same way and marks it RETURNED.
 *
 * trySend and the hole. trySend succeeds when a receiver is waiting in recv right now, from the
 * moment it enters recv (its spin phase included). A receiver entering recv publishes a hole
 * (its Waiter, in `taker`) before its first poll. trySend fills the hole: a CAS of the Waiter's
 * item from "open" to its Offer; only the winner returns true, and it then reads `signal` and
 * wakes the receiver as step 2 does. The receiver closes its hole (a CAS from "open" to "shut")
 * before it takes a sender's Offer from the slot (a receive takes one message; it reopens the
 * hole if that sender took its Offer back meanwhile), and on every way out of recv. If that CAS
 * fails, the hole holds a trySend's message, which the receiver takes instead and returns, even
 * when it was leaving on timeout, interrupt (the interrupt status stays set) or close: the
 * message was handed over before. The item's CAS is the single arbiter: trySend returns true
 * exactly when the receiver will return its message, so a message trySend accepted is always
 * received and one it refused never is, and nothing is ever left behind in the channel.
 *
 * A Select publishes its one Waiter as the hole of each rendezvous channel it waits on while it
 * is registered to park (not while it scans: it could then take a message elsewhere), and closes
 * it when it leaves the registration; a message found in it then is the select's result. One
 * item for all channels: the first trySend to fill it wins, the others find it filled.
 */

/** {@link Channel#rendezvous()}: no buffer; each send waits until the receiver takes it. */
final class RendezvousCore<T> extends Core<T> {

    /** An Offer's outcome: the receiver has it (the send returns). */
    static final Object TAKEN = new Marker("TAKEN");
    /** An Offer's outcome: the receiver closed (the send throws SendException with it). */
    static final Object RETURNED = new Marker("RETURNED");

    private static final VarHandle SLOT;

    static {
        try {
            SLOT = MethodHandles.lookup().findVarHandle(RendezvousCore.class, "slot", RendezvousCore.Offer.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile Offer slot;
    /** The hole of the receive in progress, or of a select registered to park; else null. */
    private volatile Waiter taker;
    /**
     * The last receive's hole, reopened by the next receive of the same thread (owner only). A
     * trySend still holding it from an earlier receive can only fill it while it is open again,
     * that is while a receive is waiting on it: a hand-off as good as any.
     */
    private Waiter spareHole;

    RendezvousCore(Consumer<? super T> onUndelivered, Ticker ticker) {
        super(onUndelivered, ticker);
    }

    /**
     * A message in the slot (a blocking send's) or in a hole (trySend's, no sender). For a
     * blocking send it is also the sender's wait for the outcome (step 3).
     */
    final class Offer extends Wait<Boolean> {
        final T msg;
        /**
         * The sender waiting for the outcome (a Thread) until the outcome replaces it (TAKEN or
         * RETURNED, written by the slot CAS's winner); null for trySend's. One field for both
         * keeps an Offer at 24 bytes.
         */
        volatile Object sender;

        Offer(T msg, Thread sender) {
            this.msg = msg;
            this.sender = sender;
        }

        /** The channel this message was sent on (for a select that finds it in its hole). */
        RendezvousCore<T> channel() {
            return RendezvousCore.this;
        }

        @Override
        Boolean attempt(boolean parkPhase) {
            Object st = sender;
            if (st == TAKEN) {
                return Boolean.TRUE;
            }
            if (st == RETURNED) {
                throw new SendException(msg, RECEIVER_CLOSED);
            }
            return null;
        }

        @Override
        boolean register() {
            // Nothing to publish: the Offer names its sender since it was placed, and the taker
            // writes the outcome before its unpark (the park permit covers the order).
            return true;
        }

        @Override
        boolean ready() {
            return !(sender instanceof Thread);
        }

        @Override
        Boolean unregister(boolean parked) {
            return null;
        }

        @Override
        Boolean expired() {
            return withdraw(false);
        }

        @Override
        Boolean interrupted() {
            return withdraw(true);
        }

        /**
         * Gives up: takes the offer back if it is still in the slot (not delivered: null), else
         * awaits the verdict of the receiver (or close) that owns it now.
         */
        private Boolean withdraw(boolean interrupted) {
            if (SLOT.compareAndSet(RendezvousCore.this, this, null)) {
                wakeProducers(1);
                return null;
            }
            Object st;
            for (int i = 0; (st = sender) instanceof Thread; i++) {
                Wait.backoff(i); // the owner writes the outcome right after its slot CAS
            }
            if (interrupted) {
                Thread.currentThread().interrupt(); // delivered (or returned) anyway: keep the interrupt
            }
            if (st == TAKEN) {
                return Boolean.TRUE;
            }
            throw new SendException(msg, RECEIVER_CLOSED);
        }
    }

    /** trySend: succeeds only by filling the hole of a receiver waiting now (see above). */
    @Override
    boolean offerNow(T msg) {
        checkNotClosed(msg);
        Waiter h = taker;
        if (h == null || !h.isOpen() || !h.fill(new Offer(msg, null))) {
            return false;
        }
        // Handed over: the receiver returns it whatever happens next. Volatile read after the
        // fill's CAS: wake the receiver if it parks (overview, 1).
        Object s = signal;
        if (s instanceof Waiter) {
            wake((Waiter) s);
        }
        return true;
    }

    /** Step 2: wake the consumer; in a terminal state take the offer back if still there. */
    private void afterPlace(Offer o) {
        // Volatile read after the slot CAS: the partner of the consumer's Waiter CAS (overview, 1).
        Object s = signal;
        if (s instanceof Waiter) {
            wake((Waiter) s);
        } else if (s != null && SLOT.compareAndSet(this, o, null)) {
            wakeProducers(1);
            throw new SendException(o.msg, s == CLOSED ? RECEIVER_CLOSED : SENDER_CLOSED);
        }
    }

    /** A timed send always places its offer (trySend's hole is for trySend). */
    @Override
    boolean sendTimed(T msg, long nanos) throws InterruptedException {
        return sendBlocking(msg, true, ticker.nanoTime() + nanos);
    }

    /** A timed receive opens its hole at once: nothing is taken before the wait. */
    @Override
    T pollBeforeClock() {
        return null;
    }

    @Override
    boolean sendBlocking(T msg, boolean timed, long deadline) throws InterruptedException {
        Offer o = new Offer(msg, Thread.currentThread());
        if (!claim(o) && new ClaimWait(o).await(Wait.YIELDS, timed, deadline, ticker) == null) {
            return false; // timed out before the slot was free: never placed
        }
        afterPlace(o);
        return o.await(Wait.YIELDS, timed, deadline, ticker) != null;
    }

    /** Step 1: claims the free slot; throws SendException if the receiver is closed. */
    private boolean claim(Offer o) {
        checkNotClosed(o.msg);
        return slot == null && SLOT.compareAndSet(this, null, o);
    }

    /** Step 1 while another offer occupies the slot: waits as a producer of a full channel. */
    private final class ClaimWait extends ProducerWait {
        private final Offer offer;

        ClaimWait(Offer offer) {
            super(offer.msg);
            this.offer = offer;
        }

        @Override
        Boolean attempt(boolean parkPhase) {
            return claim(offer) ? Boolean.TRUE : null;
        }

        @Override
        boolean ready() {
            // After our push's CAS: the partner of the taker's "slot CAS, then read producerWaiters".
            return isReceiverClosed() || slot == null;
        }

        @Override
        Boolean expired() {
            return giveUp(); // no last claim: with its deadline passed the send would only withdraw it
        }
    }

    /** Receives with a hole open for trySend for the whole call (see above). */
    @Override
    T receive(Thread me, boolean timed, long deadline) throws InterruptedException {
        Waiter hole = spareHole;
        if (hole == null || hole.thread != me) {
            hole = spareHole = new Waiter(me);
        } else {
            hole.reopen(); // shut or taken by the last receive, which withdrew it
        }
        taker = hole; // volatile write: from here on a trySend can hand this receive a message
        T m;
        try {
            m = awaitMessage(me, hole, timed, deadline);
        } catch (Throwable e) {
            T late = leave(hole);
            if (late == null || e instanceof Error) {
                throw e;
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // handed over before: return it, keep the interrupt
            }
            return late;
        }
        // pollQuiet closed the hole before taking any other message: late is null unless m is.
        T late = leave(hole);
        return m != null ? m : late;
    }

    /** The receive ends: closes its hole and withdraws it; returns a message handed over before. */
    private T leave(Waiter hole) {
        Object handed = hole.close();
        taker = null;
        return handed == null ? null : messageOf(handed);
    }

    @SuppressWarnings("unchecked") // only an Offer of this channel is ever handed over in its hole
    private T messageOf(Object handedOver) {
        return ((Offer) handedOver).msg;
    }

    /** A select registering to park on this channel: its Waiter is the hole (see above). */
    @Override
    void openHole(Waiter w) {
        taker = w;
    }

    /** The select leaves its registration; it closes the Waiter itself, once for all channels. */
    @Override
    void shutHole(Waiter w) {
        if (taker == w) {
            taker = null;
        }
    }

    /** Test probe: whether a receiver is in recv with its hole open to trySend. */
    boolean hasWaitingReceiver() {
        Waiter h = taker;
        return h != null && h.isOpen();
    }

    @Override
    T pollQuiet() {
        Waiter h = taker; // set only by the owner calling us, inside its receive
        if (h == null) {
            Offer o = slot;
            return o == null ? null : take(o);
        }
        Object handed = h.take();
        if (handed != null) {
            return messageOf(handed);
        }
        Offer o = slot;
        if (o == null) {
            return null;
        }
        handed = h.close(); // a receive takes one message: no trySend may succeed past this point
        if (handed != null) {
            return messageOf(handed);
        }
        T m = take(o);
        if (m == null) {
            h.reopen(); // its sender took it back: this receive still waits
        }
        return m;
    }

    /** Takes a sender's offer from the slot; null if its sender just took it back. */
    private T take(Offer o) {
        if (!SLOT.compareAndSet(this, o, null)) {
            return null;
        }
        Object waiting = o.sender; // ours alone now: the slot CAS's winner writes the outcome
        o.sender = TAKEN;
        LockSupport.unpark((Thread) waiting); // slot offers are blocking sends': a Thread
        // The slot CAS above is a full fence: read the waiting producers (overview, 2).
        wakeProducers(1);
        return o.msg;
    }

    @Override
    boolean bufferEmpty() {
        Waiter h = taker;
        return slot == null && (h == null || !h.holdsMessage());
    }

    @Override
    boolean drainBuffer(Object mine) {
        // No hole is open here: every receive and select closes its own before it releases.
        Offer o = slot;
        if (o != null && SLOT.compareAndSet(this, o, null)) {
            Object waiting = o.sender;
            o.sender = RETURNED; // its sender is waiting: it throws SendException with it
            LockSupport.unpark((Thread) waiting);
        }
        wakeAllProducers();
        return false;
    }

    @Override
    String flavour() {
        return "rendezvous";
    }
}
