package dev.strand.channels;

import dev.strand.core.internal.Durations;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The receiver of a multi-consumer channel ({@link Channel.Builder#multiConsumer()}): any
 * number of threads may receive at once, and each message goes to exactly one of them
 * (crossbeam-channel's semantics).
 *
 * <p>Bounded channels ({@link SharedBoundedCore}): the single-consumer bounded core, whose
 * consumer role the consumers take in turn, one receive at a time; a consumer finding the role
 * taken waits for it (spins, yields, then parks until the holder releases it). A holder waiting
 * on an empty channel keeps the role, so the others wait behind it; close and disconnect wake
 * them all. {@code tryRecv} and {@code drain} never park for the role: with the buffer empty they
 * report nothing at once.
 *
 * <p>Unbounded channels ({@link MpmcCore}): the consumers take messages from a lock-free JCTools
 * MPMC queue concurrently; a consumer finding it empty parks on a stack of waiting consumers, and
 * each send wakes one of them.
 *
 * <p>Rendezvous channels: the consumers take turns as the channel's single consumer through a
 * fair lock. The thread holding the turn waits in the channel as a single consumer does (so
 * senders wake it as usual); the others wait for the turn, first come first served. A turn
 * lasts one receive, so a message goes to the longest-waiting consumer and none is starved.
 * Closing needs no turn: it wakes the waiting consumer, which passes the turn on, and each
 * consumer then sees the disconnect. {@code tryRecv} and {@code drain} never wait for the
 * turn: while another consumer holds it they report nothing (as if the channel were empty at
 * that instant). A hand-off reaches one receiver at a time anyway, so a lock-free path would
 * buy little there.
 *
 * <p>Thread-safe. Not selectable: a {@link Select} needs a single consumer.
 */
final class MultiConsumerReceiver<T> implements Receiver<T> {

    /** The lock-free core of an unbounded channel; null otherwise. */
    private final MpmcCore<T> mpmc;
    /** The core of a bounded channel; null otherwise. */
    private final SharedBoundedCore<T> shared;
    /** The single-consumer receiver the turns are taken on (rendezvous); null otherwise. */
    private final ReceiverHandle<T> handle;
    private final ReentrantLock turn;

    /** A receiver over a lock-free multi-consumer core. */
    MultiConsumerReceiver(MpmcCore<T> mpmc) {
        this.mpmc = mpmc;
        this.shared = null;
        this.handle = null;
        this.turn = null;
    }

    /** A receiver over a bounded core whose consumer role is taken in turn. */
    MultiConsumerReceiver(SharedBoundedCore<T> shared) {
        this.mpmc = null;
        this.shared = shared;
        this.handle = null;
        this.turn = null;
    }

    /** A receiver taking turns on a single-consumer receiver (rendezvous). */
    MultiConsumerReceiver(ReceiverHandle<T> handle) {
        this.mpmc = null;
        this.shared = null;
        this.handle = handle;
        this.turn = new ReentrantLock(true);
    }

    @Override
    public T recv() throws InterruptedException {
        if (shared != null) {
            return shared.recvShared(false, 0L);
        }
        if (mpmc != null) {
            return mpmc.recvAny(false, 0L);
        }
        turn.lockInterruptibly();
        try {
            return handle.recv();
        } finally {
            turn.unlock();
        }
    }

    @Override
    public T tryRecv() {
        if (shared != null) {
            return shared.tryRecvShared();
        }
        if (mpmc != null) {
            return mpmc.tryRecvAny();
        }
        if (!turn.tryLock()) {
            return null; // another consumer holds the turn: nothing for this one right now
        }
        try {
            return handle.tryRecv();
        } finally {
            turn.unlock();
        }
    }

    @Override
    public T recv(Duration timeout) throws InterruptedException {
        long nanos = Durations.toNanos(timeout, "timeout");
        if (nanos <= 0L) {
            return tryRecv();
        }
        if (shared != null) {
            return shared.recvTimedShared(nanos);
        }
        if (mpmc != null) {
            T m = mpmc.tryRecvAny(); // no clock read unless it must wait (as Core.recvTimed)
            return m != null ? m : mpmc.recvAny(true, mpmc.ticker.nanoTime() + nanos);
        }
        long deadline = handle.core.ticker.nanoTime() + nanos;
        if (!turn.tryLock(nanos, TimeUnit.NANOSECONDS)) {
            return null;
        }
        try {
            long left = deadline - handle.core.ticker.nanoTime();
            return left <= 0L ? handle.tryRecv() : handle.recv(Duration.ofNanos(left));
        } finally {
            turn.unlock();
        }
    }

    @Override
    public int drain(Consumer<? super T> sink, int max) {
        Objects.requireNonNull(sink, "sink");
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        if (max == 0) {
            return 0;
        }
        if (shared != null) {
            return shared.drainShared(sink, max);
        }
        if (mpmc != null) {
            return mpmc.drainAny(sink, max);
        }
        if (!turn.tryLock()) {
            return 0;
        }
        try {
            return handle.drain(sink, max);
        } finally {
            turn.unlock();
        }
    }

    @Override
    public Iterator<T> iterator() {
        return ReceiverHandle.iterate(this);
    }

    @Override
    public Stream<T> stream() {
        return ReceiverHandle.streamOf(this);
    }

    @Override
    public void close() {
        if (shared != null) {
            shared.closeReceiver();
        } else if (mpmc != null) {
            mpmc.closeReceiver();
        } else {
            handle.close();
        }
    }

    @Override
    public String toString() {
        return "MultiConsumerReceiver[" + (shared != null ? shared : mpmc != null ? mpmc : handle.core) + "]";
    }
}
