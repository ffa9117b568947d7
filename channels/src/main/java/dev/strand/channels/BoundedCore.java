package dev.strand.channels;

import dev.strand.core.Ticker;
import java.util.function.Consumer;
import org.jctools.queues.MpscArrayQueue;

/**
 * {@link Channel#bounded(int)}: a JCTools MPSC array queue holding exactly {@code capacity}
 * messages (its array is rounded up to a power of two; offerIfBelowThreshold enforces the
 * exact bound). Producers park on a full queue (overview, 2).
 */
class BoundedCore<T> extends Core<T> {

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
        return offerNow(msg) || new SendWait(msg).await(FULL_YIELDS, timed, deadline, ticker) != null;
    }

    /**
     * Yield rounds of a send that found the queue full, fewer than a receive's
     * ({@link Wait#YIELDS}). A full queue stays full until the consumer has taken a burst, and
     * with more producers than free cores the yielding producers take the CPU from that very
     * consumer (measured with JMH's stack profiler on 2 cores, 2 producers: half of the
     * channel's running time was producers in Thread.yield). Parking sooner leaves the CPU to the
     * consumer, which wakes them once there is room.
     */
    static final int FULL_YIELDS = 8;

    /** A send waiting for room (overview, 2). */
    private final class SendWait extends ProducerWait {

        SendWait(T msg) {
            super(msg);
        }

        /**
         * In the spin and yield phases, retries only once a quarter of the capacity is free, so
         * that the producer refills in a burst instead of writing the slot the consumer has just
         * freed (both threads would then write the same cache lines on every message). A
         * heuristic of the producer's own waiting only: after a park, and at the deadline, it
         * offers whenever there is any room. Also reports a closed receiver (SendException).
         */
        @Override
        Boolean attempt(boolean parkPhase) {
            return (parkPhase || roomForBurst(msg)) && offerNow(msg) ? Boolean.TRUE : null;
        }

        @Override
        boolean ready() {
            // size() reads the consumer index after our push's CAS: the partner of the consumer's
            // "take, fence, read producerWaiters" (overview, 2). Closed: the attempt throws.
            return isReceiverClosed() || queue.size() < capacity;
        }

        @Override
        Boolean expired() {
            // One last offer (closed: SendException; close wakes every producer anyway).
            return offerNow(msg) ? Boolean.TRUE : giveUp();
        }
    }

    /** Whether a quarter of the capacity is free; throws SendException if the receiver is closed. */
    private boolean roomForBurst(T msg) {
        checkNotClosed(msg);
        // size(): consumer and producer indexes, volatile reads; a stale value only delays a retry.
        return queue.size() <= capacity - burst;
    }

    @Override
    T pollQuiet() {
        // relaxedPoll: null when the next slot is claimed but not written yet; never spins.
        return queue.relaxedPoll();
    }

    @Override
    void afterTake(int taken) {
        wakeProducersAfterTake(taken);
    }

    @Override
    boolean bufferEmpty() {
        return queue.isEmpty(); // consumer index then producer index, both volatile reads
    }

    @Override
    boolean drainBuffer(Object mine) {
        return drainAndWakeProducers(mine);
    }

    @Override
    String flavour() {
        return "bounded(" + capacity + ")";
    }
}
