package dev.strand.net;

import dev.strand.channels.Receiver;
import dev.strand.channels.internal.SelectableReceiver;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A typed view of a local channel's receiver that tells the network side about every message
 * taken (to grant the sender more credit) and about its close.
 */
final class CountingReceiver<T> implements Receiver<T>, SelectableReceiver<T> {

    private final Receiver<Object> delegate;
    private final Class<T> type;
    private final IntConsumer taken;
    private final Runnable onClose;

    CountingReceiver(Receiver<Object> delegate, Class<T> type, IntConsumer taken, Runnable onClose) {
        this.delegate = delegate;
        this.type = type;
        this.taken = taken;
        this.onClose = onClose;
    }

    private T took(Object m) {
        if (m == null) {
            return null;
        }
        taken.accept(1);
        return type.cast(m);
    }

    @Override
    public T recv() throws InterruptedException {
        return took(delegate.recv());
    }

    @Override
    public T tryRecv() {
        return took(delegate.tryRecv());
    }

    @Override
    public T recv(Duration timeout) throws InterruptedException {
        return took(delegate.recv(timeout));
    }

    @Override
    public int drain(Consumer<? super T> sink, int max) {
        Objects.requireNonNull(sink, "sink");
        int n = delegate.drain(m -> sink.accept(type.cast(m)), max);
        if (n > 0) {
            taken.accept(n);
        }
        return n;
    }

    @Override
    public Iterator<T> iterator() {
        Iterator<Object> it = delegate.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                return took(it.next());
            }
        };
    }

    @Override
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }

    /** A select takes from the buffer channel directly (through {@link #selected}). */
    @Override
    public Receiver<?> selectSource() {
        return delegate;
    }

    @Override
    public T selected(Object message) {
        return took(message);
    }

    @Override
    public void close() {
        delegate.close();
        onClose.run();
    }

    @Override
    public String toString() {
        return "RemoteReceiver[" + type.getSimpleName() + "]";
    }
}
