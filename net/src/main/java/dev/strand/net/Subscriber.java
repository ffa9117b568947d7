package dev.strand.net;

import dev.strand.core.internal.Checks;
import dev.strand.channels.Channel;
import dev.strand.channels.DisconnectedException;
import dev.strand.channels.Receiver;
import dev.strand.channels.Sender;
import dev.strand.net.transport.Envelope;
import dev.strand.net.transport.EventLoops;
import dev.strand.net.transport.FramedConnection;
import io.netty.channel.EventLoopGroup;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The subscribing side of publish-subscribe: one connection to a {@link Publisher}, carrying
 * any number of {@link Subscription}s. Made by {@link Net#subscriber(Codec)}.
 *
 * <pre>{@code
 * Subscriber subscriber = Net.subscriber(codec).connect(new InetSocketAddress("127.0.0.1", port));
 * try (Subscription prices = subscriber.subscribe("prices", Tick.class, t -> System.out.println(t))) {
 *     ... // every tick published from now on arrives, in order
 * }
 * subscriber.close();
 * }</pre>
 *
 * <h2>Threads and flow control</h2>
 * Handlers run on this subscriber's own dispatch thread ({@code strand-net-subscriber-*}, a
 * virtual thread with {@link EndpointBuilder#virtualThreads}), one message at a time, in
 * arrival order; they may block. At most {@link Builder#bufferSize}
 * messages wait for the handlers (plus what one socket read brings in); beyond that the
 * subscriber stops reading its socket, so a slow handler pushes back through TCP to the
 * publisher, which disconnects the subscriber if it falls too far behind (see
 * {@link Publisher}). A handler that throws is reported to the error listener; dispatching
 * goes on.
 *
 * <p>No reconnect: a lost connection is reported to the error listener as a
 * {@link ConnectionLostException}, and {@link #isConnected()} turns false. While reading is
 * paused for slow handlers, the end of the connection is noticed once they caught up and
 * reading resumed: the messages received before it are all dispatched first.
 *
 * <p>Thread-safe.
 */
public final class Subscriber implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final EndpointOptions options;
    /** The address connected to, named in error reports. */
    private final SocketAddress remote;
    private final Duration subscribeTimeout;
    private final int high;
    private final int low;
    private final EventLoopGroup group;
    private final Map<String, List<Sub<?>>> handlers = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Envelopes waiting for the dispatch thread; backlog counts them. */
    private final Sender<Envelope> queue;
    private final Receiver<Envelope> dispatchQueue;
    private final AtomicInteger backlog = new AtomicInteger();
    private final Thread dispatcher;
    private final FramedConnection connection;
    /** Whether reading is paused for a full buffer; event loop only. */
    private boolean paused;

    private Subscriber(Builder b, SocketAddress address) throws InterruptedException {
        this.options = b.options.snapshot();
        this.remote = EndpointOptions.inet(address);
        this.subscribeTimeout = b.subscribeTimeout;
        this.high = b.bufferSize;
        this.low = Math.max(0, b.bufferSize / 2);
        Channel<Envelope> ch = Channel.unbounded();
        this.queue = ch.sender();
        this.dispatchQueue = ch.receiver();
        this.group = EventLoops.acquireClientGroup();
        this.connection = options.connect(address, group, c -> new Listener());
        this.dispatcher = options.newThread(EventLoops.THREAD_PREFIX + "subscriber-" + THREADS.incrementAndGet(),
                this::dispatch);
        dispatcher.start();
    }

    /**
     * Subscribes {@code handler} to {@code topic} and returns once the publisher has confirmed
     * the subscription: every message published to the topic after this returns reaches the
     * handler, in publish order (messages published while the confirmation was on its way may
     * reach it too). Several subscriptions to one topic each get every message.
     *
     * @param topic   the topic; not null
     * @param type    the message type expected on the topic; a message of another type is
     *                reported to the error listener instead of reaching the handler
     * @param handler called on the dispatch thread with each message; not null
     * @param <T>     the message type
     * @return the subscription; close it to unsubscribe
     * @throws NetException          if the publisher did not confirm within the subscribe
     *                               timeout or the connection is lost
     * @throws IllegalStateException if this subscriber is closed
     * @throws InterruptedException  if interrupted while waiting (the subscription is withdrawn)
     */
    public <T> Subscription subscribe(String topic, Class<T> type, Consumer<? super T> handler)
            throws InterruptedException {
        Objects.requireNonNull(topic, "topic");
        options.codec().requireKnown(Objects.requireNonNull(type, "type"), "subscribe");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        if (closed.get()) {
            throw new IllegalStateException("subscriber is closed");
        }
        Sub<T> sub = new Sub<>(topic, type, handler);
        // Registered before asking: messages the publisher sends once it added us must find it.
        handlers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(sub);
        long id = ids.incrementAndGet();
        CompletableFuture<Void> ack = new CompletableFuture<>();
        pending.put(id, ack);
        connection.send(Envelope.message(new PatternMessages.Sub(topic, id), null), null)
                .whenComplete((v, e) -> {
                    if (e != null) {
                        ack.completeExceptionally(e);
                    }
                });
        try {
            ack.get(subscribeTimeout.toNanos(), TimeUnit.NANOSECONDS);
            return sub;
        } catch (ExecutionException e) {
            withdraw(sub, id, false);
            Throwable cause = e.getCause();
            throw new NetException("subscription to " + topic + " failed: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            withdraw(sub, id, true);
            throw new NetException("subscription to " + topic + " not confirmed within " + subscribeTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            withdraw(sub, id, true);
            throw e;
        }
    }

    private void withdraw(Sub<?> sub, long id, boolean unsubscribe) {
        pending.remove(id);
        sub.closed = true;
        List<Sub<?>> list = handlers.get(sub.topic);
        if (list != null) {
            list.remove(sub);
        }
        if (unsubscribe) {
            // The Sub may still arrive and be counted by the publisher: balance it.
            connection.send(Envelope.message(new PatternMessages.Unsub(sub.topic), null), null);
        }
    }

    /**
     * Returns whether the connection to the publisher is open.
     *
     * @return true while connected
     */
    public boolean isConnected() {
        return connection.isOpen();
    }

    /**
     * Closes the connection (every subscription ends), stops the dispatch thread after the
     * handler call in progress (interrupting it, so a handler blocked interruptibly returns)
     * and releases the I/O threads. Messages not yet dispatched are dropped. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        connection.close();
        EndpointOptions.awaitUntil(connection.closeFuture(), options.closeDeadline(EventLoops.inGroup(group)));
        dispatchQueue.close(); // the dispatch thread's recv ends at once
        queue.close();
        if (Thread.currentThread() != dispatcher) {
            dispatcher.interrupt(); // a handler blocked interruptibly ends too
            try {
                dispatcher.join(options.closeTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        EventLoops.releaseClientGroup(group, options.closeTimeout);
    }

    private void dispatch() {
        try {
            while (true) {
                Envelope env = dispatchQueue.recv();
                if (backlog.decrementAndGet() == low) {
                    EndpointOptions.runOn(connection.channel().eventLoop(), this::maybeResume);
                }
                List<Sub<?>> list = handlers.get(env.route());
                if (list == null) {
                    continue;
                }
                for (Sub<?> sub : list) {
                    sub.deliver(env.payload());
                }
            }
        } catch (DisconnectedException | IllegalStateException e) {
            // closed: the dispatch thread ends
        } catch (dev.strand.channels.ReceiveInterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void maybeResume() {
        if (paused && backlog.get() <= low) {
            paused = false;
            connection.channel().config().setAutoRead(true);
        }
    }

    private final class Sub<T> implements Subscription {

        final String topic;
        final Class<T> type;
        final Consumer<? super T> handler;
        volatile boolean closed;

        Sub(String topic, Class<T> type, Consumer<? super T> handler) {
            this.topic = topic;
            this.type = type;
            this.handler = handler;
        }

        void deliver(Object payload) {
            if (closed) {
                return;
            }
            if (!type.isInstance(payload)) {
                options.report(remote, new ProtocolException("topic " + topic + " carried a "
                        + payload.getClass().getName() + ", expected " + type.getName()));
                return;
            }
            try {
                handler.accept(type.cast(payload));
            } catch (RuntimeException e) {
                options.report(remote, e);
            }
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            List<Sub<?>> list = handlers.get(topic);
            if (list != null) {
                list.remove(this);
            }
            if (connection.isOpen()) {
                connection.send(Envelope.message(new PatternMessages.Unsub(topic), null), null);
            }
        }

        @Override
        public String toString() {
            return "Subscription[" + topic + "]";
        }
    }

    private final class Listener implements FramedConnection.Listener {

        @Override
        public void onEnvelope(FramedConnection c, Envelope envelope) {
            Object p = envelope.payload();
            if (p instanceof PatternMessages.Ack ack) {
                CompletableFuture<Void> f = pending.remove(ack.id());
                if (f != null) {
                    f.complete(null);
                }
                return;
            }
            if (envelope.route() == null) {
                options.report(remote, new ProtocolException("publisher sent a " + envelope.type()
                        + " without a topic"));
                return;
            }
            if (!queue.trySend(envelope)) {
                return; // closed
            }
            if (backlog.incrementAndGet() >= high && !paused) {
                // Too much waiting for the handlers: stop reading, TCP pushes back.
                paused = true;
                c.channel().config().setAutoRead(false);
            }
        }

        @Override
        public boolean busy() {
            return paused;
        }

        @Override
        public void onError(FramedConnection c, Throwable error) {
            options.report(remote, error);
        }

        @Override
        public void onClosed(FramedConnection c, Throwable cause) {
            ConnectionLostException lost = new ConnectionLostException("connection to publisher "
                    + c.remoteAddress() + " closed", cause);
            for (CompletableFuture<Void> f : pending.values()) {
                f.completeExceptionally(lost);
            }
            pending.clear();
            if (!closed.get()) {
                options.report(remote, lost);
            }
        }
    }

    /** Configures a {@link Subscriber}; not thread-safe. */
    public static final class Builder extends EndpointBuilder<Builder> {

        private Duration subscribeTimeout = Duration.ofSeconds(10);
        private int bufferSize = 1024;

        Builder(Codec codec) {
            super(codec, false);
        }

        /**
         * Sets how many received messages may wait for the handlers before reading pauses
         * (default 1024).
         *
         * @param bufferSize at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code bufferSize < 1}
         */
        public Builder bufferSize(int bufferSize) {
            this.bufferSize = Checks.positive(bufferSize, "bufferSize");
            return this;
        }

        /**
         * Sets how long {@link Subscriber#subscribe} waits for the publisher's confirmation
         * (default 10 s).
         *
         * @param subscribeTimeout positive
         * @return this builder
         */
        public Builder subscribeTimeout(Duration subscribeTimeout) {
            Objects.requireNonNull(subscribeTimeout, "subscribeTimeout");
            if (subscribeTimeout.isZero() || subscribeTimeout.isNegative()) {
                throw new IllegalArgumentException("subscribeTimeout must be positive: " + subscribeTimeout);
            }
            this.subscribeTimeout = subscribeTimeout;
            return this;
        }

        /**
         * Connects to a publisher.
         *
         * @param address the publisher's address; an {@link java.net.InetSocketAddress}
         * @return the connected subscriber
         * @throws NetException         if the connection cannot be established
         * @throws UnsupportedOperationException if {@code virtualThreads(true)} was set before JDK 21
         * @throws InterruptedException if interrupted while connecting
         */
        public Subscriber connect(SocketAddress address) throws InterruptedException {
            return new Subscriber(this, address);
        }
    }
}
