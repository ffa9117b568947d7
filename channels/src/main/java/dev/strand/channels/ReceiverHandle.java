package dev.strand.channels;

import dev.strand.core.internal.Durations;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The one {@link Receiver} of a channel. */
final class ReceiverHandle<T> implements Receiver<T> {

    final Core<T> core;

    ReceiverHandle(Core<T> core) {
        this.core = core;
    }

    @Override
    public T recv() throws InterruptedException {
        return core.recv(false, 0L);
    }

    @Override
    public T tryRecv() {
        return core.tryRecv();
    }

    @Override
    public T recv(Duration timeout) throws InterruptedException {
        long nanos = Durations.toNanos(timeout, "timeout");
        if (nanos <= 0L) {
            return core.tryRecv();
        }
        return core.recvTimed(nanos);
    }

    @Override
    public int drain(Consumer<? super T> sink, int max) {
        Objects.requireNonNull(sink, "sink");
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        return max == 0 ? 0 : core.drain(sink, max);
    }

    @Override
    public Iterator<T> iterator() {
        return iterate(this);
    }

    @Override
    public Stream<T> stream() {
        return streamOf(this);
    }

    /** The blocking iterator of any channel receiver: ends at disconnect, see {@link Receiver#iterator()}. */
    static <T> Iterator<T> iterate(Receiver<T> r) {
        return new Iterator<>() {
            private T next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (done) {
                    return false;
                }
                try {
                    next = r.recv();
                    return true;
                } catch (DisconnectedException end) {
                    done = true;
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ReceiveInterruptedException(e);
                }
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the channel is disconnected");
                }
                T m = next;
                next = null;
                return m;
            }
        };
    }

    /** The blocking stream of any channel receiver, over {@link #iterate}. */
    static <T> Stream<T> streamOf(Receiver<T> r) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterate(r),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public void close() {
        core.closeReceiver();
    }

    @Override
    public String toString() {
        return "Receiver[" + core + "]";
    }
}
