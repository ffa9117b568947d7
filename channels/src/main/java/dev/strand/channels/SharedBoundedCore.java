package dev.strand.channels;

import dev.strand.core.Ticker;
import java.util.function.Consumer;

/*
 * Bounded multi-consumer channels (Channel.Builder.multiConsumer() with a capacity)
 * ================================================================================
 *
 * The single-consumer bounded core (BoundedCore, a JCTools MPSC queue) whose consumer role is
 * waited for instead of rejected. Every receive takes `owner` (the CAS the single-consumer
 * core pays anyway) and works the queue as the channel's one consumer, exactly as in the Core
 * overview 1 to 4; at most one consumer polls at a time, so the MPSC queue's consumer side is
 * used as it must be (the role's CAS and volatile release order one holder's polls before the
 * next holder's). A consumer finding the role taken waits for it with the one Wait routine:
 * it spins retrying the CAS (no yield rounds: ROLE_YIELDS), then pushes a fresh node on
 * roleWaiters (a CAS: a full fence), re-checks `owner` and parks only if it is still held by
 * another consumer.
 *
 * Release: the holder stores null into `owner` with a volatile store (a full fence), then reads
 * roleWaiters; if non-empty it pops ONE live node and unparks its thread. Dekker's pattern
 * again: either the waiter's re-check sees the role free, or the holder sees its node. Nodes
 * are handled as the producers' (overview 2): a waiter that leaves a node without parking on
 * it, or gives up (timeout, interrupt), marks it done and, if a holder had popped it already,
 * wakes another waiter in its place, so no release is wasted on a consumer that is not
 * waiting. A woken waiter that loses the role to the holder's next receive registers and parks
 * again (the holder's next release wakes it). Restarting the spin phase after such
 * a wake-up instead was measured (2 producers, 2 consumers, 2 cores) and gave no gain.
 *
 * A holder blocked on an empty queue keeps the role and parks in `signal` as a single consumer
 * does; the other consumers wait behind it (each message still goes to exactly one of them).
 * Disconnect and close: the last Sender.close() and Receiver.close() wake the holder through
 * `signal` and every role waiter (wakeAllConsumers); each consumer then takes the role in turn,
 * sees the terminal state and passes the role on with its release. A consumer finding the role
 * held by DRAINER (a close or a sender taking its message back) reports the disconnect, as a
 * single consumer does.
 *
 * tryRecv and drain never park for the role: while another consumer holds it and the buffer is
 * empty they report nothing; while the buffer holds a message they spin, then yield, for the
 * holder to leave (it is between two instructions, or about to be woken for that message).
 * drain takes the role per message and calls the sink outside it, so a slow sink delays no
 * other consumer.
 */

/**
 * The core of a bounded multi-consumer channel: the single-consumer bounded core plus a
 * consumer role that consumers wait for in turn. See the comment above.
 */
final class SharedBoundedCore<T> extends BoundedCore<T> {

    /**
     * Yield rounds of a consumer waiting for the role: none, it parks right after the spins.
     * Unlike a receive's partner, the holder does not need this CPU to hand the role over: it
     * is running, and it takes the role again for its next receive as often as not. A waiter
     * that keeps yielding only stays runnable beside the holder and the producers (four
     * threads on two cores in the 2 producer, 2 consumer benchmark); parked, it leaves them
     * the CPUs. Measured side by side (bounded(1024), 2P2C, 4 forks x 5 iterations, quiet):
     * 101.6 +- 39.3 ops/us with no yields against 67.9 +- 30.7 with the receive's 128, and 104
     * against 65 over two more rounds of 5 forks; ArrayBlockingQueue 38.5 in the same runs.
     */
    static final int ROLE_YIELDS = 0;

    /** Consumers parked until the consumer role is free. */
    private final NodeStack roleWaiters = new NodeStack();

    SharedBoundedCore(int capacity, Consumer<? super T> onUndelivered, Ticker ticker) {
        super(capacity, onUndelivered, ticker);
    }

    @Override
    String flavour() {
        return super.flavour() + ", multi-consumer";
    }

    // ---------------------------------------------------------------- the role

    /** Takes the role if it is free now (the single-consumer core's CAS). */
    private boolean tryTake(Thread me) {
        return owner == null && OWNER.compareAndSet(this, null, me);
    }

    /**
     * Takes the role, waiting for it.
     *
     * @return TRUE when taken, FALSE if the channel is terminal and being drained, null once the
     *         deadline passed
     */
    private Boolean take(Thread me, boolean timed, long deadline) throws InterruptedException {
        return tryTake(me) ? Boolean.TRUE : new RoleWait(me).await(ROLE_YIELDS, timed, deadline, ticker);
    }

    /** Releases the role and wakes one waiter for it if one is parked (the comment above). */
    private void releaseRole() {
        OWNER.setVolatile(this, null); // a full fence before reading roleWaiters
        if (!roleWaiters.isEmpty()) {
            roleWaiters.wakeOne();
        }
    }

    /** Disconnect or close: every consumer waiting for the role re-reads the state. */
    @Override
    void wakeAllConsumers() {
        roleWaiters.wakeAll();
    }

    /** A consumer's wait for the role (the comment above). */
    private final class RoleWait extends NodeStack.StackWait<Boolean> {

        RoleWait(Thread thread) {
            super(roleWaiters, thread);
        }

        @Override
        Boolean attempt(boolean parkPhase) {
            if (tryTake(thread())) {
                return Boolean.TRUE;
            }
            Object o = owner;
            if (o == DRAINER) {
                passOn();
                return Boolean.FALSE;
            }
            if (o == thread()) {
                throw new IllegalStateException("Receiver called re-entrantly (from a sink or handler)");
            }
            return null;
        }

        @Override
        boolean ready() {
            Object o = owner;
            return o == null || o == DRAINER;
        }
    }

    // ---------------------------------------------------------------- receive operations

    /** Any consumer: waits for a message; null once the deadline passed. */
    T recvShared(boolean timed, long deadline) throws InterruptedException {
        Thread me = Thread.currentThread();
        Boolean got = take(me, timed, deadline);
        if (got == null) {
            return null;
        }
        if (!got) {
            throw terminal();
        }
        try {
            return receive(me, timed, deadline);
        } finally {
            releaseRole();
        }
    }

    /** Any consumer: a receive with a timeout of {@code nanos} (positive); null on timeout. */
    T recvTimedShared(long nanos) throws InterruptedException {
        Thread me = Thread.currentThread();
        long deadline = 0L;
        boolean clockRead = false;
        if (!tryTake(me)) {
            // Must wait for the role: fix the deadline now (no clock read on the fast path).
            deadline = ticker.nanoTime() + nanos;
            clockRead = true;
            Boolean got = new RoleWait(me).await(ROLE_YIELDS, true, deadline, ticker);
            if (got == null) {
                return null;
            }
            if (!got) {
                throw terminal();
            }
        }
        try {
            T m = pollBeforeClock();
            if (m != null) {
                return m;
            }
            return receive(me, true, clockRead ? deadline : ticker.nanoTime() + nanos);
        } finally {
            releaseRole();
        }
    }

    /** Any consumer: the next message, null if none is visible now (the comment above). */
    T tryRecvShared() {
        return takeNow(true);
    }

    /** Any consumer: takes up to max visible messages, the sink called outside the role. */
    int drainShared(Consumer<? super T> sink, int max) {
        int count = 0;
        T m;
        while (count < max && (m = takeNow(false)) != null) {
            count++;
            sink.accept(m);
        }
        return count;
    }

    /**
     * The next visible message without parking; null if none.
     *
     * @param reportTerminal whether a closed or disconnected channel throws (tryRecv) or gives
     *                       null (drain)
     */
    private T takeNow(boolean reportTerminal) {
        Thread me = Thread.currentThread();
        for (int i = 0;; i++) {
            if (tryTake(me)) {
                try {
                    if (reportTerminal) {
                        return pollOrDisconnect();
                    }
                    return signal == CLOSED ? null : pollQuietAndWake();
                } finally {
                    releaseRole();
                }
            }
            Object o = owner;
            if (o == me) {
                throw new IllegalStateException("Receiver called re-entrantly (from a sink or handler)");
            }
            boolean closed = o == DRAINER || signal == CLOSED;
            if (closed || bufferEmpty()) {
                // Nothing for this consumer now; senders before the buffer (overview, 4).
                if (reportTerminal && (closed || senders == 0 && bufferEmpty())) {
                    throw terminal();
                }
                return null;
            }
            Wait.backoff(i); // the holder is leaving, or about to take that message
        }
    }

    /** Role holder: the next visible message, producers woken for its slot; null if none. */
    private T pollQuietAndWake() {
        T m = pollQuiet();
        if (m != null) {
            afterTake(1);
        }
        return m;
    }
}
