package dev.strand.net.transport;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;

/**
 * A multi-producer queue drained in batches by one consumer task at a time, with the
 * "who schedules the next drain" decision built in: the producer whose {@link #offer} returns
 * true must schedule a drain; a drain starts with {@link #beginDrain} and then polls.
 *
 * <p>No item is stranded. The drain clears the flag <em>before</em> it polls, so an item
 * offered after the drain's last poll finds the flag clear and its producer schedules the
 * next drain. Producers flip the flag with a bare compare-and-set, never a plain read first:
 * the CAS is a full fence after the queue's element store, so a producer that loses the CAS
 * has its item visible to the drain that has not yet cleared the flag (with a plain read
 * first, a stale {@code true} could be read while the element store still sits in the store
 * buffer). Proven by {@code dev.strand.net.DrainQueueStress} in the jcstress-tests module,
 * whose broken variant (clearing the flag after polling) strands items.
 *
 * <p>Thread-safe for any number of producers; {@link #beginDrain}, {@link #poll} and
 * {@link #isEmpty} are for the one consumer that holds the drain (the task a {@code true}
 * offer scheduled).
 *
 * @param <T> the item type
 */
public final class DrainQueue<T> {

    private final MessagePassingQueue<T> items = new MpscUnboundedXaddArrayQueue<>(256);
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /**
     * Adds an item.
     *
     * @return true if the caller must now schedule a drain (none was pending)
     */
    public boolean offer(T item) {
        items.offer(item);
        return scheduled.compareAndSet(false, true);
    }

    /**
     * Claims the drain without offering (to re-schedule after a partial drain).
     *
     * @return true if the caller must now schedule a drain
     */
    public boolean claim() {
        return scheduled.compareAndSet(false, true);
    }

    /** The first thing a drain does, before its first poll. */
    public void beginDrain() {
        scheduled.set(false);
    }

    /** Gives up a claim that could not be scheduled (the consumer side holds it meanwhile). */
    public void release() {
        scheduled.set(false);
    }

    /** Takes the next item, or null; consumer only. */
    public T poll() {
        return items.poll();
    }

    /** Whether no item is queued; consumer only. */
    public boolean isEmpty() {
        return items.isEmpty();
    }
}
