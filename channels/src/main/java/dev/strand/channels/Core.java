package dev.strand.channels;

import dev.strand.core.Ticker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/*
 * Overview: how a channel blocks, wakes and never loses a message
 * ================================================================
 *
 * A channel is a buffer (a JCTools MPSC queue, or the one hand-off slot of a rendezvous
 * channel) plus four words of coordination state, all in Core:
 *
 *   signal   null              the consumer is running (or idle, not waiting)
 *            a Waiter          the consumer (a recv or a Select) is about to park / parked
 *            CLOSED            the receiver is closed                            (terminal)
 *            DISCONNECTED      the consumer saw every sender closed              (terminal)
 *   senders  open Sender handles; once 0 it stays 0 (clone refuses to revive it)
 *   owner    who may poll the buffer: null, the consumer Thread, or DRAINER
 *   producerWaiters  a Treiber stack of producers parked on a full bounded channel (or waiting
 *            for the rendezvous slot)
 *
 * 1. Consumer parking (no lost wake-up). Every producer, after its offer has advanced the
 *    queue's producer index (a CAS or XADD: a synchronization action), reads `signal` once (a
 *    volatile read: the only cost the protocol adds to the fast path). The consumer, before it
 *    parks, publishes its Waiter into `signal` with a CAS and only then re-checks the buffer
 *    (the producer index, a volatile read) and `senders`. This is Dekker's pattern: in the
 *    total order of these volatile accesses either the consumer's re-check sees the offer (it
 *    does not park) or the producer's read sees the Waiter, CASes it back to null (exactly one
 *    producer wins) and unparks its thread. A lazy/ordered store of the Waiter would break
 *    this, hence the CAS. The consumer parks in a loop and withdraws its Waiter (CAS Waiter ->
 *    null) on every way out, including interrupt and timeout, so no stale "blocked" mark is
 *    ever left behind. A message whose index is claimed but whose slot is not yet written is
 *    "not empty": a blocking recv spins (then yields) for it because its producer is between
 *    two instructions; tryRecv never spins (relaxedPoll: null means "nothing visible").
 *    The last Sender.close() decrements `senders` (an atomic RMW) and then reads `signal` the
 *    same way, so a parked consumer always wakes for a disconnect too.
 *
 * 2. Producer parking (bounded). A producer that finds the queue full waits briefly (see
 *    "Waiting"; it retries the offer only once a quarter of the capacity is free, so that it
 *    refills in a burst instead of sharing the consumer's cache lines message by message),
 *    then pushes a node onto producerWaiters (CAS), re-checks the receiver state and retries the
 *    offer, and only then parks. After taking messages the consumer issues a full fence (its
 *    consumer-index store is only ordered) and reads producerWaiters; if non-empty it pops one
 *    live node per message taken and unparks it (no thundering herd): either the producer's
 *    retry sees the freed slot or the consumer sees its node. A woken producer that loses the
 *    slot to a faster one pushes a new node and parks again (the queue is full again, so a
 *    later take wakes it). A producer that leaves its node without parking on it (its
 *    re-check succeeded, or it timed out or was interrupted: then its message was never
 *    enqueued) marks it done (a consumer skips it); if a consumer had already chosen it
 *    (popped, then checks done; the producer sets done, then checks popped) the producer
 *    wakes another in its place, so no wake-up is wasted on a producer that is not waiting. Receiver.close() sets CLOSED, then pops the whole stack and wakes every
 *    producer, which re-reads the state: a bounded send never stays blocked after the
 *    receiver is gone.
 *
 * 3. Nothing lost on Receiver.close(). close() swaps `signal` to CLOSED (waking a parked
 *    consumer), wakes every parked producer, then becomes the buffer's owner (DRAINER; it
 *    waits for a receive in progress to leave, which it does promptly because it sees CLOSED)
 *    and passes every buffered message to onUndelivered. A send racing the close: its offer
 *    (index CAS) then its read of `signal`, against close's CLOSED write then the drain's read
 *    of the index, Dekker again: either the drain sees the message (it goes to onUndelivered
 *    and the send returns normally: delivered), or the sender sees CLOSED. In that case the
 *    sender cannot know whether the drain took its message, so it becomes the owner itself
 *    and drains the buffer: if it finds its own message (by identity) it keeps it and throws
 *    SendException carrying it, and hands any other message found to onUndelivered; if not,
 *    the message was received or handed over, and the send returns normally. Ownership is
 *    exclusive, so every message is taken exactly once: received, handed to onUndelivered, or
 *    handed back in a SendException. Never both, never neither.
 *
 * 4. Disconnect. The consumer reads `senders` BEFORE the buffer: a send that happened before
 *    the last close advanced the index before that close's decrement, so a consumer that sees
 *    senders == 0 and then an empty buffer has seen every such message. Before that emptiness
 *    check it marks `signal` DISCONNECTED (CAS): a send racing the close of its own handle
 *    (shared handles) then sees DISCONNECTED after its offer and takes its message back as in
 *    3, unless the consumer got it first. clone() increments `senders` only from a non-zero
 *    value, so a disconnected channel stays disconnected.
 *
 * 5. Single consumer. Every receive operation CASes `owner` from null to its thread and
 *    releases it with an ordered store (the next owner's CAS reads it). A second thread finds
 *    the CAS failing and gets IllegalStateException: cheap detection instead of corruption.
 *    A Select owns all its receivers for the duration of one call. A bounded multi-consumer
 *    channel (SharedBoundedCore.java) lets its consumers wait for the role instead, one
 *    receive at a time. Unbounded multi-consumer channels (MpmcCore.java) have no owner: their
 *    consumers poll an MPMC queue at once and park on a stack of their own; MpmcCore describes
 *    how that changes 1 to 4.
 *
 * Waiting. Every blocking wait (a recv on an empty buffer, a send on a full bounded channel or
 * an occupied rendezvous slot, a rendezvous sender awaiting its taker, a Select) is one Wait
 * (Wait.java): it spins, then yields, re-checking each round, and only then registers as
 * described above, re-checks and parks. The spin and yield phases publish nothing (no Waiter,
 * no node), so they add no case to the protocol: a thread only becomes wakeable once it has
 * registered, re-checked and is about to park. The one exception is deliberate: a rendezvous
 * receiver publishes a hole for trySend from the moment it enters recv (RendezvousCore).
 *
 * No monitor is ever held while parking (LockSupport only), so parked virtual threads unmount.
 */

/** Coordination fields read by producers on every send; written rarely. */
abstract class CoreFields<T> {
    static final Object CLOSED = new Marker("CLOSED");
    static final Object DISCONNECTED = new Marker("DISCONNECTED");
    static final Object DRAINER = new Marker("DRAINER");

    /** null | Waiter | CLOSED | DISCONNECTED: see the overview. */
    volatile Object signal;
    /** Open sender handles. */
    volatile int senders = 1;
    /** Producers parked on a full channel: a Treiber stack, popped whole. */
    volatile ProducerNode producerWaiters;

    final Consumer<? super T> onUndelivered;
    final Ticker ticker;

    CoreFields(Consumer<? super T> onUndelivered, Ticker ticker) {
        this.onUndelivered = onUndelivered;
        this.ticker = ticker;
    }

    /** A named sentinel value of {@code signal} / {@code owner}. */
    static final class Marker {
        private final String name;

        Marker(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}

/** Keeps the consumer-written {@code owner} off the producers' cache line. */
abstract class CorePad1<T> extends CoreFields<T> {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p10, p11, p12, p13, p14, p15, p16;

    CorePad1(Consumer<? super T> onUndelivered, Ticker ticker) {
        super(onUndelivered, ticker);
    }
}

/** The consumer role: written by the consumer on every receive. */
abstract class CoreOwner<T> extends CorePad1<T> {
    /** null | the Thread receiving | DRAINER. */
    volatile Object owner;
    /** The thread holding DRAINER (read only by that thread, to detect re-entry). */
    Thread drainer;

    CoreOwner(Consumer<? super T> onUndelivered, Ticker ticker) {
        super(onUndelivered, ticker);
    }
}

/** Keeps the subclasses' read-mostly fields off the consumer's cache line. */
abstract class CorePad2<T> extends CoreOwner<T> {
    long q00, q01, q02, q03, q04, q05, q06, q07;
    long q10, q11, q12, q13, q14, q15, q16;

    CorePad2(Consumer<? super T> onUndelivered, Ticker ticker) {
        super(onUndelivered, ticker);
    }
}

/**
 * The shared state and protocol of one channel; subclasses supply the buffer. See the overview
 * comment at the top of this file.
 */
abstract class Core<T> extends CorePad2<T> {

    static final String RECEIVER_CLOSED = "the receiver is closed";
    static final String SENDER_CLOSED = "this Sender is closed";
    static final VarHandle SIGNAL;
    static final VarHandle SENDERS;
    static final VarHandle PRODUCER_WAITERS;
    static final VarHandle OWNER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SIGNAL = l.findVarHandle(CoreFields.class, "signal", Object.class);
            SENDERS = l.findVarHandle(CoreFields.class, "senders", int.class);
            PRODUCER_WAITERS = l.findVarHandle(CoreFields.class, "producerWaiters", ProducerNode.class);
            OWNER = l.findVarHandle(CoreOwner.class, "owner", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The consumer's wait, reused by every receive (the owner's alone while it owns). */
    private final ReceiveWait receiveWait = new ReceiveWait();

    Core(Consumer<? super T> onUndelivered, Ticker ticker) {
        super(onUndelivered, ticker);
    }

    // ---------------------------------------------------------------- buffer (subclasses)

    /** Producer: enqueues without waiting; false if there is no room. Throws SendException. */
    abstract boolean offerNow(T msg);

    /**
     * Producer: enqueues, waiting as the flavour requires.
     *
     * @return false on timeout (message not delivered)
     */
    abstract boolean sendBlocking(T msg, boolean timed, long deadline) throws InterruptedException;

    /** Owner only: takes the next visible message without waking producers; never spins. */
    abstract T pollQuiet();

    /** Owner only: after {@code taken} messages were taken, lets parked producers retry. */
    void afterTake(int taken) {
    }

    /** True when no message has been claimed: reads the producer index (a volatile read). */
    abstract boolean bufferEmpty();

    /**
     * Owner only, terminal state: hands every buffered message to onUndelivered except the first
     * one identical to {@code mine}, which is kept.
     *
     * @return whether {@code mine} was found (the caller then hands it back itself)
     */
    abstract boolean drainBuffer(Object mine);

    /** The flavour's name for toString. */
    abstract String flavour();

    /**
     * Producer: a send with a timeout of {@code nanos}. A buffered flavour first offers without
     * reading the clock, so a send that need not wait costs no clock read (on some virtual
     * machines a clock read is a system call); the deadline is fixed only when it must wait, as
     * {@code ArrayBlockingQueue.offer} with a timeout does.
     *
     * @return false on timeout (message not delivered)
     */
    boolean sendTimed(T msg, long nanos) throws InterruptedException {
        return offerNow(msg) || sendBlocking(msg, true, ticker.nanoTime() + nanos);
    }

    /**
     * Owner only: what a timed receive takes before it reads the clock (see sendTimed): the next
     * visible message of a buffered flavour, as the first attempt of its wait would take it, or
     * null.
     */
    T pollBeforeClock() {
        return pollOrDisconnect();
    }

    // ---------------------------------------------------------------- senders

    /** clone(): one more handle, unless the channel is already disconnected. */
    final void addSender() {
        for (;;) {
            int n = senders;
            if (n == 0) {
                throw new IllegalStateException("every Sender of this channel is closed");
            }
            if (SENDERS.compareAndSet(this, n, n + 1)) {
                return;
            }
        }
    }

    /** close() of one handle; the last one wakes a waiting consumer. */
    final void removeSender() {
        // Atomic RMW, then the read of signal below: Dekker partner of the consumer's
        // "publish Waiter, then read senders" (overview, 1).
        if ((int) SENDERS.getAndAdd(this, -1) == 1) {
            Object s = signal;
            if (s instanceof Waiter) {
                wake((Waiter) s);
            }
            wakeAllConsumers();
        }
    }

    /**
     * Disconnect or close: wakes every consumer parked outside {@code signal} (a multi-consumer
     * channel's parked consumers, MpmcCore). Called after the atomic write of the new state.
     */
    void wakeAllConsumers() {
    }

    /** Producer: after a successful offer of msg to the queue, wakes or hands back. */
    final void signalAfterOffer(T msg) {
        // Volatile read after the offer's index CAS/XADD: sees a Waiter published before the
        // consumer's last emptiness check (overview, 1).
        Object s = signal;
        if (s != null) {
            signalSlow(s, msg);
        }
    }

    private void signalSlow(Object s, T msg) {
        if (s instanceof Waiter) {
            wake((Waiter) s);
        } else if (drainUndelivered(msg)) {
            // CLOSED or DISCONNECTED: we found our own message still buffered and took it back.
            throw new SendException(msg, s == CLOSED ? RECEIVER_CLOSED : SENDER_CLOSED);
        }
    }

    /** Unparks w's thread if this producer is the one that clears it from signal. */
    final void wake(Waiter w) {
        if (SIGNAL.compareAndSet(this, w, null)) {
            LockSupport.unpark(w.thread);
        }
    }

    final void checkNotClosed(T msg) {
        if (signal == CLOSED) {
            throw new SendException(msg, RECEIVER_CLOSED);
        }
    }

    final boolean isReceiverClosed() {
        return signal == CLOSED;
    }

    // ---------------------------------------------------------------- producer parking

    final void pushProducer(ProducerNode node) {
        for (;;) {
            ProducerNode head = producerWaiters;
            node.next = head;
            // CAS: a full fence before the producer's re-check (overview, 2).
            if (PRODUCER_WAITERS.compareAndSet(this, head, node)) {
                return;
            }
        }
    }

    /** Unparks every producer parked on this channel (they all re-check): used on close. */
    final void wakeAllProducers() {
        if (producerWaiters == null) {
            return;
        }
        ProducerNode h = (ProducerNode) PRODUCER_WAITERS.getAndSet(this, null);
        for (; h != null; h = h.next) {
            if (!h.done) {
                LockSupport.unpark(h.thread);
            }
        }
    }

    /**
     * Unparks up to {@code n} parked producers, one per freed slot (no thundering herd). A
     * producer that was popped but leaves without using its turn (timeout, interrupt) passes it
     * on with {@link #passOn}.
     */
    final void wakeProducers(int n) {
        while (n > 0) {
            ProducerNode h = producerWaiters;
            if (h == null) {
                return;
            }
            if (PRODUCER_WAITERS.compareAndSet(this, h, h.next)) {
                // popped, then done: Dekker with the producer's done, then popped (see passOn).
                h.popped = true;
                if (!h.done) {
                    LockSupport.unpark(h.thread);
                    n--;
                }
            }
        }
    }

    /**
     * A producer leaving a node without parking on it (it sent, gave up, or re-checked and
     * retried): if a consumer chose that node to wake, wake another in its place. At worst one
     * extra producer wakes, re-checks and parks again.
     */
    final void passOn(ProducerNode node) {
        if (node != null && node.popped) {
            wakeProducers(1);
        }
    }

    // ---------------------------------------------------------------- consumer role

    /**
     * Takes the consumer role for {@code me}.
     *
     * @return false if the channel is terminal and being drained (treat as disconnected)
     * @throws IllegalStateException if another receive is in progress
     */
    final boolean acquire(Thread me) {
        for (;;) {
            // CAS: exclusive consumer role; it also acquires everything the previous owner did.
            if (OWNER.compareAndSet(this, null, me)) {
                return true;
            }
            Object o = owner;
            if (o == DRAINER) {
                return false;
            }
            if (o == me) {
                throw new IllegalStateException("Receiver called re-entrantly (from a sink or handler)");
            }
            if (o != null) {
                throw new IllegalStateException("Receiver is already receiving in " + o
                        + ": a channel has a single consumer; for several consumer threads build it"
                        + " with Channel.builder().multiConsumer(), or use dev.strand.parallel.Pipeline");
            }
        }
    }

    final void release() {
        // Ordered store suffices: the next owner acquires with a CAS that reads it, and nobody
        // relies on the releasing thread re-checking anything afterwards (closers wait for us).
        OWNER.setRelease(this, null);
    }

    final DisconnectedException terminal() {
        return new DisconnectedException(signal == CLOSED ? RECEIVER_CLOSED : "every Sender is closed");
    }

    /**
     * Owner only: the next message, or null if none is visible now.
     *
     * @throws DisconnectedException when closed, or disconnected with an empty buffer
     */
    final T pollOrDisconnect() {
        if (signal == CLOSED) {
            throw new DisconnectedException(RECEIVER_CLOSED);
        }
        T m = pollQuiet();
        if (m != null) {
            afterTake(1);
            return m;
        }
        // senders BEFORE the buffer: a send before the last close is visible in the index now.
        if (senders == 0) {
            markDisconnected();
            if (bufferEmpty()) {
                throw new DisconnectedException("every Sender is closed");
            }
            m = pollQuiet();
            if (m != null) {
                afterTake(1);
            }
        }
        return m;
    }

    private void markDisconnected() {
        for (;;) {
            Object s = signal;
            if (s == CLOSED || s == DISCONNECTED) {
                return;
            }
            // CAS (a full fence) before the emptiness check that follows (overview, 4). It may
            // replace our own Waiter: we will not park.
            if (SIGNAL.compareAndSet(this, s, DISCONNECTED)) {
                return;
            }
        }
    }

    /** Owner only: waits for a claimed-but-unwritten message; null if the buffer emptied. */
    final T spinForClaimed() {
        for (int i = 0;; i++) {
            T m = pollQuiet();
            if (m != null) {
                afterTake(1);
                return m;
            }
            if (bufferEmpty()) {
                return null;
            }
            Wait.backoff(i);
        }
    }

    /**
     * A blocking receive's attempt: the next message, spinning for one whose slot is claimed
     * but not yet written (its producer is between two instructions); null if none.
     *
     * @throws DisconnectedException when closed, or disconnected with an empty buffer
     */
    final T pollOrSpin() {
        T m = pollOrDisconnect();
        return m == null && !bufferEmpty() ? spinForClaimed() : m;
    }

    /**
     * Bounded flavours, after {@code taken} messages were taken: the consumer index was published
     * with an ordered store only, so fence it before reading the producers' stack, the partner of
     * their "push, then retry the offer" (overview, 2); then wake one producer per message.
     */
    final void wakeProducersAfterTake(int taken) {
        VarHandle.fullFence();
        if (producerWaiters != null) {
            wakeProducers(taken);
        }
    }

    /** Bounded flavours' drainBuffer: drains, then wakes every parked producer to re-check. */
    final boolean drainAndWakeProducers(Object mine) {
        try {
            return drainToUndelivered(mine);
        } finally {
            wakeAllProducers();
        }
    }

    /** Consumer registration for a park: publish the Waiter (CAS) before re-checking. */
    final boolean publish(Waiter w) {
        return SIGNAL.compareAndSet(this, null, w);
    }

    /** Withdraws a Waiter; harmless if a producer or close already replaced it. */
    final void withdraw(Waiter w) {
        SIGNAL.compareAndSet(this, w, null);
    }

    /**
     * A select registering to park publishes its Waiter as this channel's hole for trySend; only
     * the rendezvous flavour has holes (RendezvousCore). Owner only.
     */
    void openHole(Waiter w) {
    }

    /** A select leaving its registration withdraws the hole published by {@link #openHole}. */
    void shutHole(Waiter w) {
    }

    // ---------------------------------------------------------------- receive operations

    final T tryRecv() {
        Thread me = Thread.currentThread();
        if (!acquire(me)) {
            throw terminal();
        }
        try {
            return pollOrDisconnect();
        } finally {
            release();
        }
    }

    /** A receive with a timeout of {@code nanos} (positive); null on timeout. */
    final T recvTimed(long nanos) throws InterruptedException {
        Thread me = Thread.currentThread();
        if (!acquire(me)) {
            throw terminal();
        }
        try {
            T m = pollBeforeClock();
            return m != null ? m : receive(me, true, ticker.nanoTime() + nanos);
        } finally {
            release();
        }
    }

    final T recv(boolean timed, long deadline) throws InterruptedException {
        Thread me = Thread.currentThread();
        if (!acquire(me)) {
            throw terminal();
        }
        try {
            return receive(me, timed, deadline);
        } finally {
            release();
        }
    }

    /**
     * Owner only: the receive proper, waiting as long as it must. The rendezvous flavour
     * overrides it to be visible to trySend for the whole call.
     */
    T receive(Thread me, boolean timed, long deadline) throws InterruptedException {
        return awaitMessage(me, null, timed, deadline);
    }

    /**
     * Owner only: waits for a message (overview, 1) with the channel's one ReceiveWait.
     *
     * @param waiter the Waiter to park with, or null to make one if the wait gets that far
     * @return the message, or null once the deadline passed
     */
    final T awaitMessage(Thread me, Waiter waiter, boolean timed, long deadline) throws InterruptedException {
        ReceiveWait w = receiveWait;
        w.thread = me;
        w.waiter = waiter;
        try {
            return w.await(Wait.YIELDS, timed, deadline, ticker);
        } finally {
            w.thread = null; // an idle channel keeps no thread reachable
            w.waiter = null;
        }
    }

    /** The consumer's wait (overview, 1); one per channel, used by the owner of the moment. */
    final class ReceiveWait extends Wait<T> {
        /** The owner waiting; written and read by the owner only. */
        Thread thread;
        /** Its Waiter, published in signal to park; made at the first registration. */
        Waiter waiter;

        @Override
        T attempt(boolean parkPhase) {
            return pollOrSpin();
        }

        @Override
        boolean register() {
            if (waiter == null) {
                waiter = new Waiter(thread);
            }
            return publish(waiter); // CAS: a full fence; false in a terminal state
        }

        @Override
        boolean ready() {
            // Re-check after publishing the Waiter (overview, 1 and 4): a message, or the last close.
            return !bufferEmpty() || senders == 0;
        }

        @Override
        T unregister(boolean parked) {
            withdraw(waiter); // on every way out: no stale "blocked" mark
            return null;
        }
    }

    /**
     * A producer's wait for room (bounded) or for the free slot (rendezvous), overview 2: it
     * registers by pushing a node on producerWaiters, and passes on a wake-up it did not use.
     */
    abstract class ProducerWait extends Wait<Boolean> {
        final T msg;
        private final Thread thread = Thread.currentThread();
        /** The node of the last registration, while a wake-up aimed at it may need passing on. */
        private ProducerNode node;

        ProducerWait(T msg) {
            this.msg = msg;
        }

        @Override
        final boolean register() {
            node = new ProducerNode(thread);
            pushProducer(node); // CAS: a full fence before ready()
            return true;
        }

        @Override
        final Boolean unregister(boolean parked) {
            node.done = true;
            if (!parked) {
                passOn(node); // a wake-up aimed at this node must not be wasted on us
                node = null;
            }
            return null;
        }

        @Override
        final Boolean interrupted() {
            return giveUp(); // never enqueued: the message is still the caller's
        }

        /** Leaves without sending: a wake-up aimed at our last node goes to another producer. */
        final Boolean giveUp() {
            passOn(node);
            return null;
        }
    }

    final int drain(Consumer<? super T> sink, int max) {
        Thread me = Thread.currentThread();
        if (!acquire(me)) {
            return 0;
        }
        try {
            return signal == CLOSED ? 0 : drainVisible(sink, max);
        } finally {
            release();
        }
    }

    /** A consumer (the owner, or any of a multi-consumer channel's): takes up to max visible messages. */
    final int drainVisible(Consumer<? super T> sink, int max) {
        int count = 0;
        try {
            T m;
            while (count < max && (m = pollQuiet()) != null) {
                count++;
                sink.accept(m);
            }
        } finally {
            if (count > 0) {
                afterTake(count);
            }
        }
        return count;
    }

    // ---------------------------------------------------------------- close and undelivered

    final void closeReceiver() {
        // getAndSet: a full fence before waking producers and draining (overview, 3).
        Object prev = SIGNAL.getAndSet(this, CLOSED);
        if (prev == CLOSED) {
            return;
        }
        if (prev instanceof Waiter) {
            LockSupport.unpark(((Waiter) prev).thread);
        }
        wakeAllConsumers();
        wakeAllProducers();
        drainUndelivered(null);
    }

    /**
     * Terminal state only: becomes the buffer's owner (waiting for a receive in progress to
     * leave) and drains it to onUndelivered, keeping {@code mine} if found.
     *
     * @return whether {@code mine} was found and kept
     */
    final boolean drainUndelivered(Object mine) {
        Thread me = Thread.currentThread();
        Object o = owner;
        boolean nested = o == me || (o == DRAINER && drainer == me);
        if (nested) {
            return drainBuffer(mine);
        }
        for (int i = 0; !OWNER.compareAndSet(this, null, DRAINER); i++) {
            // The owner leaves promptly: it sees the terminal state (a parked one was woken).
            Wait.backoff(i);
        }
        drainer = me;
        try {
            return drainBuffer(mine);
        } finally {
            drainer = null;
            OWNER.setVolatile(this, null);
        }
    }

    /**
     * Drainer only (from {@link #drainBuffer}): hands every buffered message to onUndelivered
     * except the first one identical to {@code mine}, waiting for claimed-but-unwritten ones.
     *
     * @return whether {@code mine} was found and kept
     */
    final boolean drainToUndelivered(Object mine) {
        boolean found = false;
        for (;;) {
            T m = pollQuiet();
            if (m == null) {
                if (bufferEmpty()) {
                    return found;
                }
                m = spinForClaimed();
                if (m == null) {
                    return found;
                }
            }
            if (!found && m == mine) {
                found = true;
            } else {
                deliverUndelivered(m);
            }
        }
    }

    final void deliverUndelivered(T msg) {
        Consumer<? super T> h = onUndelivered;
        if (h == null) {
            return;
        }
        try {
            h.accept(msg);
        } catch (RuntimeException e) {
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, e);
        }
    }

    @Override
    public String toString() {
        Object s = signal;
        String state = s == CLOSED ? "receiver closed" : s == DISCONNECTED || senders == 0 ? "disconnected" : "open";
        return flavour() + ", " + state;
    }
}
