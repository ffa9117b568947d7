package dev.strand.channels;

import dev.strand.core.Ticker;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;
import org.jctools.queues.MpscArrayQueue;

/**
 * {@link Channel#bounded(int)}: a JCTools MPSC array queue holding exactly {@code capacity}
 * messages (its array is rounded up to a power of two; offerIfBelowThreshold enforces the
 * exact bound). Producers park on a full queue (overview, 2).
 */
final class BoundedCore<T> extends Core<T> {

    private final MpscArrayQueue<T> queue;
    private final int capacity;
    /** Free slots a waiting producer waits for before retrying (see roomForBurst). */
    private final int burst;

    BoundedCore(int capacity, Consumer<? super T> onUndelivered, Ticker ticker) {
        super(onUndelivered, ticker);
        this.capacity = capacity;
        this.burst = Math.max(1, capacity / 4);
        this.queue = new MpscArrayQueue<>(Math.max(2, capacity));
    }

    @Override
    boolean offerNow(T msg) {
        checkNotClosed(msg);
        // An index CAS when it succeeds: the synchronization action of overview 1.
        if (!queue.offerIfBelowThreshold(msg, capacity)) {
            return false;
        }
        signalAfterOffer(msg);
        return true;
    }

    @Override
    boolean sendBlocking(T msg, boolean timed, long deadline) throws InterruptedException {
        if (offerNow(msg)) {
            return true;
        }
        Thread me = Thread.currentThread();
        ProducerNode node = null;
        for (int i = 0;; i++) {
            long nanos = 0L;
            if (timed) {
                nanos = deadline - ticker.nanoTime();
                if (nanos <= 0L) {
                    return lastOffer(msg, node);
                }
            }
            if (i < SPINS) {
                Thread.onSpinWait();
                if (roomForBurst(msg) && offerNow(msg)) {
                    return true;
                }
                continue;
            }
            if (Thread.interrupted()) {
                passOn(node);
                throw new InterruptedException(); // not enqueued: the message is still the caller's
            }
            if (i < SPINS + FULL_YIELDS) {
                // The consumer may be waiting for this CPU (overview, "Waiting"). No node is
                // pushed yet (node == null here), so there is no wake-up to pass on.
                Thread.yield();
                if (roomForBurst(msg) && offerNow(msg)) {
                    return true;
                }
                continue;
            }
            node = new ProducerNode(me);
            pushProducer(node); // CAS: a full fence before the re-check below
            boolean parked = false;
            try {
                if (offerNow(msg)) { // re-check: room, or CLOSED (throws SendException)
                    return true;
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

    /**
     * Yield rounds of a send that found the queue full, fewer than a receive's
     * ({@link Core#YIELDS}). A full queue stays full until the consumer has taken a burst, and
     * with more producers than free cores the yielding producers take the CPU from that very
     * consumer (measured with JMH's stack profiler on 2 cores, 2 producers: half of the
     * channel's running time was producers in Thread.yield). Parking sooner leaves the CPU to the
     * consumer, which wakes them once there is room.
     */
    static final int FULL_YIELDS = 8;

    /**
     * Spin and yield phases of a send that found the queue full: retry only once a quarter of the
     * capacity is free, so that the producer refills in a burst instead of writing the slot the
     * consumer has just freed (both threads would then write the same cache lines on every
     * message). A heuristic of the producer's own waiting only: the park protocol (overview, 2)
     * and the deadline's last attempt still offer whenever there is any room. Also reports a
     * closed receiver at once (SendException), as offerNow would.
     */
    private boolean roomForBurst(T msg) {
        checkNotClosed(msg);
        // size(): consumer and producer indexes, volatile reads; a stale value only delays a retry.
        return queue.size() <= capacity - burst;
    }

    /**
     * At the deadline: one last attempt (as recv(Duration) and ArrayBlockingQueue.offer make), so
     * that a producer that runs only after its deadline still sends when there is room. If it
     * fails, a wake-up aimed at our last node is passed on and the send times out.
     */
    private boolean lastOffer(T msg, ProducerNode node) {
        boolean sent = false;
        try {
            sent = offerNow(msg); // may throw SendException (closed): close wakes every producer
            return sent;
        } finally {
            if (!sent) {
                passOn(node);
            }
        }
    }

    @Override
    T pollQuiet() {
        // relaxedPoll: null when the next slot is claimed but not written yet; never spins.
        return queue.relaxedPoll();
    }

    @Override
    void afterTake(int taken) {
        // The consumer index was published with an ordered store only: fence it before reading
        // the producers' stack, the partner of their "push, then retry the offer" (overview, 2).
        VarHandle.fullFence();
        if (producerWaiters != null) {
            wakeProducers(taken);
        }
    }

    @Override
    boolean bufferEmpty() {
        return queue.isEmpty(); // consumer index then producer index, both volatile reads
    }

    @Override
    boolean drainBuffer(Object mine) {
        boolean found = false;
        try {
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
        } finally {
            wakeAllProducers();
        }
    }

    @Override
    String flavour() {
        return "bounded(" + capacity + ")";
    }
}
