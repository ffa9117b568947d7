package dev.strand.micrometer;

import dev.strand.channels.Receiver;
import dev.strand.channels.Sender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Meters for channels: {@code monitor} wraps a {@link Sender} or a {@link Receiver} so that
 * what passes through it is counted, under the tag {@code name}:
 * <ul>
 *   <li>{@code strand.channel.sent} (counter): messages a monitored sender (or a clone of it)
 *       delivered into the channel;</li>
 *   <li>{@code strand.channel.received} (counter): messages a monitored receiver took;</li>
 *   <li>{@code strand.channel.depth} (gauge): sent minus received, the messages waiting, when
 *       every sender and the receiver of the channel are monitored under the same name.</li>
 * </ul>
 *
 * <pre>{@code
 * Channel<Job> ch = Channel.bounded(1024);
 * Sender<Job> jobs = ChannelMetrics.monitor(registry, "jobs", ch.sender());
 * Receiver<Job> work = ChannelMetrics.monitor(registry, "jobs", ch.receiver());
 * }</pre>
 *
 * <p>The wrappers keep the wrapped handle's contract (blocking, timeouts, exceptions,
 * disconnect, close) and add one counter increment per message; a message is counted once it
 * was sent or received, never for a failed or timed-out attempt. A wrapper is as thread-safe
 * as the handle it wraps. The channels themselves carry no metrics and pay nothing unless
 * wrapped.
 */
public final class ChannelMetrics {

    private ChannelMetrics() {
    }

    /**
     * Wraps {@code sender} so that every message it sends is counted; clones of the wrapper
     * are wrapped too.
     *
     * @param registry where the meters are registered; not null
     * @param name the tag value naming the channel; not null
     * @param sender the sender to count; not null
     * @param <T> the message type
     * @return a sender with the same behaviour that counts
     * @throws NullPointerException if an argument is null
     */
    public static <T> Sender<T> monitor(MeterRegistry registry, String name, Sender<T> sender) {
        Objects.requireNonNull(sender, "sender");
        return new CountingSender<>(meters(registry, name).sent, sender);
    }

    /**
     * Wraps {@code receiver} so that every message taken through it (by {@code recv},
     * {@code tryRecv}, {@code drain}, its iterator or its stream) is counted.
     *
     * @param registry where the meters are registered; not null
     * @param name the tag value naming the channel; not null
     * @param receiver the receiver to count; not null
     * @param <T> the message type
     * @return a receiver with the same behaviour that counts
     * @throws NullPointerException if an argument is null
     */
    public static <T> Receiver<T> monitor(MeterRegistry registry, String name, Receiver<T> receiver) {
        Objects.requireNonNull(receiver, "receiver");
        return new CountingReceiver<>(meters(registry, name).received, receiver);
    }

    private record Meters(Counter sent, Counter received) {
    }

    private static Meters meters(MeterRegistry registry, String name) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(name, "name");
        Tags tags = Tags.of("name", name);
        // The registry returns the meter already registered under the same name and tags, so
        // every wrapper of one channel shares its counters.
        Counter sent = Counter.builder("strand.channel.sent").tags(tags)
                .description("messages sent into the channel").register(registry);
        Counter received = Counter.builder("strand.channel.received").tags(tags)
                .description("messages taken from the channel").register(registry);
        // Registered once per channel name: the sender's and the receiver's wrappers share it.
        if (registry.find("strand.channel.depth").tags(tags).gauge() == null) {
            Gauge.builder("strand.channel.depth", () -> sent.count() - received.count()).tags(tags)
                    .description("messages sent and not yet received").strongReference(true).register(registry);
        }
        return new Meters(sent, received);
    }

    private static final class CountingSender<T> implements Sender<T> {
        private final Counter sent;
        private final Sender<T> delegate;

        CountingSender(Counter sent, Sender<T> delegate) {
            this.sent = sent;
            this.delegate = delegate;
        }

        @Override
        public void send(T msg) throws InterruptedException {
            delegate.send(msg);
            sent.increment();
        }

        @Override
        public boolean trySend(T msg) {
            return counted(delegate.trySend(msg));
        }

        @Override
        public boolean send(T msg, Duration timeout) throws InterruptedException {
            return counted(delegate.send(msg, timeout));
        }

        private boolean counted(boolean delivered) {
            if (delivered) {
                sent.increment();
            }
            return delivered;
        }

        @Override
        public boolean isDisconnected() {
            return delegate.isDisconnected();
        }

        @Override
        public Sender<T> clone() {
            return new CountingSender<>(sent, delegate.clone());
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public String toString() {
            return "counted " + delegate;
        }
    }

    private static final class CountingReceiver<T> implements Receiver<T> {
        private final Counter received;
        private final Receiver<T> delegate;

        CountingReceiver(Counter received, Receiver<T> delegate) {
            this.received = received;
            this.delegate = delegate;
        }

        private T counted(T msg) {
            if (msg != null) {
                received.increment();
            }
            return msg;
        }

        @Override
        public T recv() throws InterruptedException {
            return counted(delegate.recv());
        }

        @Override
        public T tryRecv() {
            return counted(delegate.tryRecv());
        }

        @Override
        public T recv(Duration timeout) throws InterruptedException {
            return counted(delegate.recv(timeout));
        }

        @Override
        public int drain(Consumer<? super T> sink, int max) {
            int n = delegate.drain(sink, max);
            received.increment(n);
            return n;
        }

        @Override
        public Iterator<T> iterator() {
            Iterator<T> it = delegate.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public T next() {
                    return counted(it.next());
                }
            };
        }

        @Override
        public Stream<T> stream() {
            return delegate.stream().peek(msg -> received.increment());
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public String toString() {
            return "counted " + delegate;
        }
    }
}
