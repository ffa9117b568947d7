package dev.strand.net;

import dev.strand.net.transport.Envelope;
import dev.strand.net.transport.FramedConnection;
import dev.strand.net.transport.ServerTransport;
import dev.strand.net.transport.TransportConfig;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The publishing side of publish-subscribe: fans each message out to every subscriber of its
 * topic. Made by {@link Net#publisher(Codec)}.
 *
 * <pre>{@code
 * Publisher pub = Net.publisher(codec).bind(new InetSocketAddress("127.0.0.1", 0));
 * int reached = pub.publish("prices", new Tick("ACME", 42.0));
 * ...
 * pub.close();
 * }</pre>
 *
 * <h2>Delivery</h2>
 * A {@link Subscriber#subscribe subscription} counts from the moment the publisher confirmed
 * it: every later {@link #publish} to its topic reaches it, and messages published from one
 * thread arrive in the order they were published. A message published to a topic nobody
 * subscribes to is not kept. The message is encoded once and the same bytes are queued on
 * every subscriber's connection.
 *
 * <h2>Slow subscribers</h2>
 * The publisher never waits for a subscriber and never drops a message for one and carries
 * on. Each subscriber's connection queues what its socket has not yet taken, up to
 * {@link Limits#maxQueuedBytes()} (default 8 MiB; settable with {@link Builder#limits}); a
 * subscriber whose queue would exceed it is disconnected at once: it is removed from every
 * topic, its connection is closed, and a {@link SlowSubscriberException} naming it goes to the
 * error listener. The publisher and the other subscribers are not slowed. The disconnected
 * subscriber sees its connection lost (its own error listener gets a
 * {@link ConnectionLostException}); everything it received before was complete and in order.
 *
 * <p>Thread-safe: any thread may publish.
 */
public final class Publisher implements AutoCloseable {

    private final EndpointOptions options;
    private final TransportConfig config;
    private final ServerTransport transport;
    /** Topic → subscribers with at least one subscription to it; written on their event loops. */
    private final Map<String, Set<Peer>> topics = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Publisher(Builder b, SocketAddress address) {
        this.options = b.options.snapshot();
        this.config = options.config(PatternMessages.TYPES);
        this.transport = ServerTransport.bind(address, config, options.ioThreads(1), "publisher", Peer::new,
                rejected -> options.report(null, rejected));
    }

    /**
     * Publishes {@code message} to every current subscriber of {@code topic}.
     *
     * <p>Returns once the message is queued on each subscriber's connection (it does not wait
     * for the network). A subscriber whose queue is full is disconnected (see the class
     * comment) and not counted.
     *
     * @param topic   the topic; not null
     * @param message a message of a type registered with the codec; not null
     * @return the number of subscribers the message was queued for
     * @throws IllegalArgumentException if the message's type is not registered
     * @throws FrameTooLargeException   if the encoded message is longer than maxFrameLength
     * @throws IllegalStateException    if this publisher is closed
     */
    public int publish(String topic, Object message) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(message, "message");
        if (closed.get()) {
            throw new IllegalStateException("publisher is closed");
        }
        Set<Peer> peers = topics.get(topic);
        if (peers == null || peers.isEmpty()) {
            config.codec().bindingFor(message); // a type error is reported even with nobody listening
            return 0;
        }
        ByteBuf frame = config.codec().encode(Envelope.message(message, topic));
        int reached = 0;
        try {
            for (Peer peer : peers) {
                if (peer.dead) {
                    continue;
                }
                CompletableFuture<Void> written = new CompletableFuture<>();
                peer.connection.writeFrame(frame.retainedDuplicate(), message, written);
                // A refusal for a full queue completes the future at once, on this thread.
                if (written.isCompletedExceptionally()) {
                    written.exceptionally(e -> {
                        if (e instanceof BackpressureException) {
                            peer.tooSlow();
                        }
                        return null;
                    });
                } else {
                    reached++;
                }
            }
        } finally {
            frame.release();
        }
        return reached;
    }

    /**
     * Returns how many subscribers are subscribed to {@code topic} right now.
     *
     * @param topic a topic; not null
     * @return the number of connected subscribers with a confirmed subscription to it
     */
    public int subscribers(String topic) {
        Set<Peer> peers = topics.get(Objects.requireNonNull(topic, "topic"));
        return peers == null ? 0 : peers.size();
    }

    /**
     * Returns the port this publisher listens on.
     *
     * @return the bound port
     */
    public int port() {
        return transport.localAddress().getPort();
    }

    /**
     * Returns the address this publisher listens on.
     *
     * @return the bound address
     */
    public InetSocketAddress address() {
        return transport.localAddress();
    }

    /**
     * Stops accepting, flushes what was published to each subscriber, closes every connection
     * and stops this publisher's threads. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = options.closeDeadline(transport.onOwnThread());
        transport.stopAccepting();
        transport.closeConnections();
        for (FramedConnection c : transport.connections()) {
            EndpointOptions.awaitUntil(c.closeFuture(), deadline);
        }
        transport.shutDown(options.closeTimeout);
    }

    /** One subscriber connection; its subscription counts are confined to its event loop. */
    private final class Peer implements FramedConnection.Listener {

        final FramedConnection connection;
        /** Topic → number of open subscriptions of this subscriber; event loop only. */
        private final Map<String, Integer> counts = new HashMap<>();
        /** Set once when disconnected as too slow; read by publishing threads. */
        volatile boolean dead;

        Peer(FramedConnection connection) {
            this.connection = connection;
        }

        @Override
        public void onEnvelope(FramedConnection c, Envelope envelope) {
            Object p = envelope.payload();
            if (p instanceof PatternMessages.Sub sub) {
                if (counts.merge(sub.topic(), 1, Integer::sum) == 1 && !dead) {
                    topics.computeIfAbsent(sub.topic(), t -> new CopyOnWriteArraySet<>()).add(this);
                }
                // Written after the registration: a publish that starts after the subscriber
                // sees this confirmation finds it in the topic's set.
                c.send(Envelope.message(new PatternMessages.Ack(sub.id()), null), null);
            } else if (p instanceof PatternMessages.Unsub unsub) {
                Integer n = counts.get(unsub.topic());
                if (n != null) {
                    if (n == 1) {
                        counts.remove(unsub.topic());
                        removeFrom(unsub.topic());
                    } else {
                        counts.put(unsub.topic(), n - 1);
                    }
                }
            } else {
                ProtocolException e = new ProtocolException("a subscriber sent " + envelope.type()
                        + "; a publisher accepts only subscriptions", null);
                options.report(c.remoteAddress(), e);
                c.close(e);
            }
        }

        private void removeFrom(String topic) {
            Set<Peer> peers = topics.get(topic);
            if (peers != null) {
                peers.remove(this);
            }
        }

        void tooSlow() {
            if (dead) {
                return;
            }
            dead = true; // first: publishing threads stop queueing for it
            for (Set<Peer> peers : topics.values()) {
                peers.remove(this);
            }
            SlowSubscriberException e = new SlowSubscriberException(connection.remoteAddress(),
                    config.limits().maxQueuedBytes());
            options.report(connection.remoteAddress(), e);
            connection.close(e);
        }

        @Override
        public void onError(FramedConnection c, Throwable error) {
            options.report(c.remoteAddress(), error);
        }

        @Override
        public void onClosed(FramedConnection c, Throwable cause) {
            dead = true;
            for (String topic : counts.keySet()) {
                removeFrom(topic);
            }
            counts.clear();
        }
    }

    /** Configures a {@link Publisher}; not thread-safe. */
    public static final class Builder extends EndpointBuilder<Builder> {

        Builder(Codec codec) {
            super(codec, true);
        }

        /**
         * Binds and starts accepting subscribers.
         *
         * @param address the local address; port 0 picks a free one
         * @return the running publisher
         * @throws NetException if the address cannot be bound
         * @throws UnsupportedOperationException if {@code virtualThreads(true)} was set before JDK 21
         */
        public Publisher bind(SocketAddress address) {
            Objects.requireNonNull(address, "address");
            return new Publisher(this, address);
        }
    }
}
