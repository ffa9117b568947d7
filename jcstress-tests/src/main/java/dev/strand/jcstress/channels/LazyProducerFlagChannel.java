package dev.strand.jcstress.channels;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * DEFECT ON PURPOSE, for the {@code Broken} variants of the bounded-send tests: a bounded
 * channel of capacity 1 whose producer, finding it full, announces that it parks with
 * {@code lazySet} (a release store, no StoreLoad fence) before re-checking the slot and the
 * closed flag. The re-check can then be ordered before the announcement: the receiver (or the
 * close) frees the slot, sees no parked producer, and the producer sleeps until its timeout.
 * Everything else follows the usual protocol: announce, re-check, park; the other side changes
 * the state, then wakes the announced producer.
 *
 * <p>The receiver spins (the defect under test is on the producer's side).
 */
final class LazyProducerFlagChannel {
    private final AtomicReference<Msg> slot = new AtomicReference<>();
    private final AtomicReference<Thread> parkedProducer = new AtomicReference<>();
    private final ConcurrentLinkedQueue<Msg> undelivered = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    private LazyProducerFlagChannel() {
    }

    /** A fresh channel of capacity 1. */
    static TestChannel open() {
        LazyProducerFlagChannel c = new LazyProducerFlagChannel();
        return new TestChannel(c.new Tx(), c.new Rx(), c.undelivered,
                    TestChannel.BROKEN_PATIENCE_NANOS);
    }

    private boolean offer(Msg m) {
        return slot.get() == null && slot.compareAndSet(null, m);
    }

    private void wakeProducer() {
        Thread t = parkedProducer.get();
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** After enqueuing: if the receiver closed meanwhile, take the message back if still there. */
    private Object enqueued(Msg m) {
        if (closed && slot.compareAndSet(m, null)) {
            return m;
        }
        return TestChannel.SENT; // received, or handed to onUndelivered by the close
    }

    private final class Tx implements TestChannel.Tx {
        @Override
        public Object send(Msg m) {
            return send(m, Long.MAX_VALUE);
        }

        @Override
        public Object send(Msg m, long timeoutNanos) {
            long deadline = System.nanoTime() + timeoutNanos;
            try {
                for (;;) {
                    if (closed) {
                        return m;
                    }
                    if (offer(m)) {
                        return enqueued(m);
                    }
                    // The defect: the correct code announces with a volatile set (or a CAS).
                    parkedProducer.lazySet(Thread.currentThread());
                    if (closed) {
                        return m;
                    }
                    if (offer(m)) {
                        return enqueued(m);
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        // A last try, in case this thread was descheduled past its deadline.
                        return offer(m) ? enqueued(m) : TestChannel.TIMED_OUT;
                    }
                    LockSupport.parkNanos(this, left);
                }
            } finally {
                parkedProducer.lazySet(null);
            }
        }

        @Override
        public Object trySend(Msg m) {
            if (closed) {
                return m;
            }
            return offer(m) ? enqueued(m) : TestChannel.FULL;
        }

        @Override
        public TestChannel.Tx copy() {
            return this;
        }

        @Override
        public void close() {
        }
    }

    private final class Rx implements TestChannel.Rx {
        @Override
        public Object tryRecv() {
            Msg m = slot.get();
            if (m != null && slot.compareAndSet(m, null)) {
                wakeProducer();
                return m;
            }
            return null;
        }

        @Override
        public Object recv(long timeoutNanos) {
            long deadline = System.nanoTime() + timeoutNanos;
            for (;;) {
                Object m = tryRecv();
                if (m != null) {
                    return m;
                }
                if (System.nanoTime() - deadline >= 0) {
                    return tryRecv(); // a last look, in case this thread was descheduled
                }
                Thread.onSpinWait();
            }
        }

        @Override
        public void close() {
            closed = true;
            wakeProducer(); // like Strand: wake parked producers first, then drain
            Msg m = slot.getAndSet(null);
            if (m != null) {
                undelivered.add(m);
            }
        }
    }
}
