package dev.strand.net;

import dev.strand.core.internal.Checks;
import dev.strand.channels.Channel;
import dev.strand.channels.Receiver;
import dev.strand.channels.Sender;
import dev.strand.net.transport.Envelope;
import dev.strand.net.transport.FramedConnection;
import dev.strand.net.transport.ServerTransport;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The receiving node of remote channels: owns named, bounded {@code channels} receivers that
 * {@link ChannelClient}s on other nodes send into. Made by {@link Net#channelServer(Codec)}.
 *
 * <pre>{@code
 * ChannelServer server = Net.channelServer(codec).bind(new InetSocketAddress("127.0.0.1", 0));
 * Receiver<Job> jobs = server.receiver("jobs", Job.class, 1024);
 * for (Job job : jobs) { ... }       // ends once every remote sender closed and all was taken
 * server.close();
 * }</pre>
 *
 * <h2>The channels contract over TCP</h2>
 * <ul>
 *   <li><b>Bounded, with backpressure.</b> A receiver of capacity {@code c} never holds more
 *   than {@code c} messages: each remote sender handle (a <em>link</em>) may send only what
 *   it was granted (credit), and credit is granted from free slots only, up to half the
 *   capacity at a time per link. A full receiver grants nothing, so remote {@code send} blocks,
 *   {@code trySend} returns false and a timed send times out; when the consumer takes a
 *   message, its slot is granted to a waiting link. Nothing is buffered without bound on
 *   either side.</li>
 *   <li><b>Disconnect.</b> When the last link to a receiver closes (every remote
 *   {@code Sender} handle closed, or its connection dropped) after at least one had opened,
 *   the receiver is disconnected once drained: it delivers what it holds, then
 *   {@code recv} throws {@code DisconnectedException} and iteration ends. Links are counted
 *   from all clients together. A disconnected receiver refuses new links.</li>
 *   <li><b>Receiver close.</b> Every link is told; remote sends then fail with
 *   {@code SendException} carrying their message. Messages that were on the wire when the
 *   receiver closed, and messages still buffered, go to {@link Builder#onUndelivered} (never
 *   silently dropped).</li>
 * </ul>
 *
 * <p>One I/O thread ({@code strand-net-channels-*}) owns every link and credit count.
 * Thread-safe.
 */
public final class ChannelServer implements AutoCloseable {

    private final EndpointOptions options;
    private final Consumer<Object> onUndelivered;
    private final ServerTransport transport;
    private final EventLoop loop;
    private final Map<String, Rx<?>> receivers = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ChannelServer(Builder b, SocketAddress address) {
        this.options = b.options.snapshot();
        this.onUndelivered = b.onUndelivered;
        // One I/O thread whatever ioThreads says: the receivers' credit is confined to it.
        this.transport = ServerTransport.bind(address, options.config(PatternMessages.TYPES), 1, "channels",
                Peer::new, rejected -> options.report(null, rejected));
        this.loop = transport.group().next();
    }

    /**
     * Creates the bounded receiver of the remote channel {@code name}.
     *
     * @param name     the channel's name, which remote senders give; not null
     * @param type     the message type; a message of another type is refused (reported and
     *                 handed to the undelivered handler)
     * @param capacity how many messages the receiver holds at most, at least 1
     * @param <T>      the message type
     * @return the receiver; single consumer, like every {@code channels} receiver
     * @throws IllegalArgumentException if {@code capacity < 1} or a receiver of that name is
     *                                  open
     * @throws IllegalStateException    if this server is closed
     */
    public <T> Receiver<T> receiver(String name, Class<T> type, int capacity) {
        Objects.requireNonNull(name, "name");
        options.codec().requireKnown(Objects.requireNonNull(type, "type"), "receiver");
        Checks.positive(capacity, "capacity");
        if (closed.get()) {
            throw new IllegalStateException("channel server is closed");
        }
        Channel<Object> ch = Channel.builder().capacity(capacity).onUndelivered(this::undelivered).build();
        Rx<T> rx = new Rx<>(name, type, capacity, ch.sender());
        if (receivers.putIfAbsent(name, rx) != null) {
            throw new IllegalArgumentException("name: a receiver named " + name + " is already open");
        }
        return new CountingReceiver<>(ch.receiver(), type, rx::taken, rx::closedByConsumer);
    }

    private void undelivered(Object message) {
        if (onUndelivered == null) {
            options.report(null, new NetException("remote channel message not delivered: receiver closed"));
            return;
        }
        try {
            onUndelivered.accept(message);
        } catch (RuntimeException e) {
            options.report(null, e);
        }
    }

    /**
     * Returns the port this server listens on.
     *
     * @return the bound port
     */
    public int port() {
        return transport.localAddress().getPort();
    }

    /**
     * Returns the address this server listens on.
     *
     * @return the bound address
     */
    public InetSocketAddress address() {
        return transport.localAddress();
    }

    /**
     * Stops accepting, closes every client connection (so every receiver is disconnected once
     * drained: it still delivers what it holds) and stops the I/O thread. Idempotent.
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
        for (Rx<?> rx : receivers.values()) {
            rx.local.close(); // links are gone: disconnect once drained
        }
    }

    /** One link: a remote Sender handle. Loop only. */
    private static final class Link {
        final Peer peer;
        final long id;
        final Rx<?> rx;
        /** Credit granted and not yet used by a message. */
        int outstanding;
        boolean waiting;

        Link(Peer peer, long id, Rx<?> rx) {
            this.peer = peer;
            this.id = id;
            this.rx = rx;
        }
    }

    /** One named receiver; credit state confined to the loop, except the freed count. */
    private final class Rx<T> {
        final String name;
        final Class<T> type;
        final int batch;
        final Sender<Object> local;
        /** Free slots not granted to any link; loop only. */
        int available;
        final ArrayDeque<Link> waiting = new ArrayDeque<>();
        final Set<Link> links = new LinkedHashSet<>();
        boolean everLinked;
        boolean disconnected;
        /** Set by the consumer's close; read on the loop. */
        volatile boolean closed;
        /** Slots the consumer freed, not yet added to available (consumer → loop). */
        final AtomicInteger freed = new AtomicInteger();
        final AtomicBoolean collectScheduled = new AtomicBoolean();

        Rx(String name, Class<T> type, int capacity, Sender<Object> local) {
            this.name = name;
            this.type = type;
            this.batch = Math.max(1, capacity / 2);
            this.available = capacity;
            this.local = local;
        }

        /** On the consumer's thread: n messages were taken. */
        void taken(int n) {
            freed.addAndGet(n);
            if (!collectScheduled.get() && collectScheduled.compareAndSet(false, true)) {
                EndpointOptions.runOn(loop, this::collect);
            }
        }

        private void collect() {
            collectScheduled.set(false); // first: a later taken() schedules another collect
            available += freed.getAndSet(0);
            grantWaiting();
        }

        void grantWaiting() {
            Link l;
            while (available > 0 && (l = waiting.poll()) != null) {
                l.waiting = false;
                grant(l, true);
            }
        }

        /** Grants what is free (up to a batch); with nothing free the link waits, if asked to. */
        void grant(Link l, boolean reply) {
            int n = Math.min(available, batch);
            available -= n;
            l.outstanding += n;
            if (n > 0 || reply) {
                l.peer.connection.send(Envelope.message(new PatternMessages.Credit(l.id, n), null), null);
            }
            if (n == 0 && !l.waiting) {
                l.waiting = true;
                waiting.add(l);
            }
        }

        void closedByConsumer() {
            closed = true;
            receivers.remove(name, this);
            EndpointOptions.runOn(loop, () -> {
                for (Link l : links) {
                    l.peer.links.remove(l.id);
                    l.peer.connection.send(Envelope.message(new PatternMessages.Closed(l.id, "receiver closed"),
                            null), null);
                }
                links.clear();
                waiting.clear();
            });
        }

        void unlink(Link l) {
            if (!links.remove(l)) {
                return;
            }
            if (l.waiting) {
                waiting.remove(l);
            }
            available += l.outstanding; // credit the link never used comes back
            if (links.isEmpty() && everLinked && !closed) {
                disconnected = true;
                receivers.remove(name, this);
                local.close(); // the consumer drains, then sees the disconnect
            } else {
                grantWaiting();
            }
        }
    }

    /** One client connection and its links. Loop only. */
    private final class Peer implements FramedConnection.Listener {

        final FramedConnection connection;
        final Map<Long, Link> links = new HashMap<>();

        Peer(FramedConnection connection) {
            this.connection = connection;
        }

        @Override
        public void onEnvelope(FramedConnection c, Envelope envelope) {
            Object p = envelope.payload();
            if (p instanceof PatternMessages.Open open) {
                Rx<?> rx = receivers.get(open.name());
                if (rx == null || rx.closed || rx.disconnected || links.containsKey(open.link())) {
                    String why = rx == null ? "no receiver named " + open.name() : "receiver " + open.name()
                            + (rx.closed ? " is closed" : rx.disconnected ? " is disconnected" : ": duplicate link");
                    c.send(Envelope.message(new PatternMessages.Closed(open.link(), why), null), null);
                    return;
                }
                Link l = new Link(this, open.link(), rx);
                links.put(l.id, l);
                rx.links.add(l);
                rx.everLinked = true;
                rx.grant(l, true); // the first credit (maybe 0) confirms the link
            } else if (p instanceof PatternMessages.Want want) {
                Link l = links.get(want.link());
                if (l != null && !l.waiting) {
                    if (l.rx.available > 0) {
                        l.rx.grant(l, false);
                    } else {
                        l.waiting = true;
                        l.rx.waiting.add(l);
                    }
                }
            } else if (p instanceof PatternMessages.CloseLink close) {
                Link l = links.remove(close.link());
                if (l != null) {
                    l.rx.unlink(l);
                }
            } else if (envelope.type().startsWith("$")) {
                return; // a control message of a newer peer
            } else {
                data(c, envelope);
            }
        }

        private void data(FramedConnection c, Envelope envelope) {
            Object message = envelope.payload();
            Link l = null;
            try {
                l = envelope.route() == null ? null : links.get(Long.parseLong(envelope.route()));
            } catch (NumberFormatException e) {
                l = null;
            }
            if (l == null) {
                // The link was closed by the receiver's close while this was on the wire.
                undelivered(message);
                return;
            }
            Rx<?> rx = l.rx;
            if (--l.outstanding < 0) {
                ProtocolException e = new ProtocolException("remote sender on " + rx.name + " exceeded its credit");
                options.report(c.remoteAddress(), e);
                undelivered(message);
                c.close(e);
                return;
            }
            if (!rx.type.isInstance(message)) {
                options.report(c.remoteAddress(), new ProtocolException("remote channel " + rx.name + " refused a "
                        + message.getClass().getName() + ", expected " + rx.type.getName()));
                undelivered(message);
                rx.available++; // the slot was not used
                rx.grantWaiting();
                return;
            }
            try {
                if (!rx.local.trySend(message)) {
                    undelivered(message); // cannot happen within credit; never drop silently
                }
            } catch (dev.strand.channels.SendException e) {
                undelivered(message); // the consumer closed the receiver concurrently
            }
        }

        @Override
        public void onError(FramedConnection c, Throwable error) {
            options.report(c.remoteAddress(), error);
        }

        @Override
        public void onClosed(FramedConnection c, Throwable cause) {
            for (Link l : links.values()) {
                l.rx.unlink(l);
            }
            links.clear();
        }
    }

    /** Configures a {@link ChannelServer}; not thread-safe. */
    public static final class Builder extends EndpointBuilder<Builder> {

        private Consumer<Object> onUndelivered;

        Builder(Codec codec) {
            super(codec, true);
        }

        /**
         * Sets the handler of messages that reached this node but no receiver: still buffered
         * when a receiver closed, or arriving after it closed. Default: each is reported to the
         * error listener.
         *
         * @param onUndelivered not null; called on the consumer's or the I/O thread
         * @return this builder
         */
        public Builder onUndelivered(Consumer<Object> onUndelivered) {
            this.onUndelivered = Objects.requireNonNull(onUndelivered, "onUndelivered");
            return this;
        }

        /**
         * Binds and starts accepting channel clients.
         *
         * @param address the local address; port 0 picks a free one
         * @return the running server
         * @throws NetException if the address cannot be bound
         * @throws UnsupportedOperationException if {@code virtualThreads(true)} was set before JDK 21
         */
        public ChannelServer bind(SocketAddress address) {
            Objects.requireNonNull(address, "address");
            return new ChannelServer(this, address);
        }
    }
}
