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
 * <p>Design: the consumers take turns as the channel's single consumer through a fair lock. The
 * thread holding the turn waits in the channel as a single consumer does (so senders wake it as
 * usual); the others wait for the turn, first come first served. A turn lasts one receive, so
 * a message goes to the longest-waiting consumer and none is starved. Closing needs no turn: it
 * wakes the waiting consumer, which passes the turn on, and each consumer then sees the
 * disconnect. {@code tryRecv} and {@code drain} never wait for the turn: while another consumer
 * holds it they report nothing (as if the channel were empty at that instant).
 *
 * <p>Thread-safe. Not selectable: a {@link Select} needs a single consumer.
 */
final class MultiConsumerReceiver<T> implements Receiver<T> {

    private final ReceiverHandle<T> handle;
    private final ReentrantLock turn = new ReentrantLock(true);

    MultiConsumerReceiver(ReceiverHandle<T> handle) {
        this.handle = handle;
    }

    @Override
    public T recv() throws InterruptedException {
        turn.lockInterruptibly();
        try {
            return handle.recv();
        } finally {
            turn.unlock();
        }
    }

    @Override
    public T tryRecv() {
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
        handle.close();
    }

    @Override
    public String toString() {
        return "MultiConsumerReceiver[" + handle.core + "]";
    }
}
