package dev.strand.net;

import dev.strand.channels.SendException;
import dev.strand.channels.Sender;
import dev.strand.core.internal.Durations;
import dev.strand.net.transport.Envelope;
import dev.strand.net.transport.EventLoops;
import dev.strand.net.transport.FramedConnection;
import io.netty.channel.EventLoopGroup;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The sending node of remote channels: one connection to a {@link ChannelServer}, over which
 * any number of {@code channels} {@link Sender}s reach the server's named receivers. Made by
 * {@link Net#channelClient(Codec)}.
 *
 * <pre>{@code
 * try (ChannelClient client = Net.channelClient(codec).connect(new InetSocketAddress("127.0.0.1", port));
 *      Sender<Job> jobs = client.sender("jobs", Job.class)) {
 *     jobs.send(new Job(1));          // blocks while the remote receiver is full
 * }
 * }</pre>
 *
 * <h2>The channels contract</h2>
 * A remote {@code Sender} behaves like a local one: {@code send} blocks while the remote
 * receiver has no room (its credit is used up), {@code trySend} returns false, a timed send
 * returns false at its deadline (a huge timeout saturates, a negative one is zero); when the
 * remote receiver is closed, or the handle itself is, sends throw {@link SendException}
 * carrying their message, and {@link Sender#isDisconnected()} turns true (remote close).
 * {@link Sender#clone()} opens another handle (another link); when every handle to a
 * receiver is closed, the receiver is disconnected once drained. Messages from one handle
 * arrive in send order.
 *
 * <h2>What a broken connection loses</h2>
 * A message is sent only within credit, so it always has a slot at the receiver. If the
 * connection breaks, senders waiting for credit and later sends throw {@link SendException}
 * carrying their message; a message whose write to the socket failed is handed to
 * {@link Builder#onUndelivered} (default: reported to the error listener). A message that was
 * written to the socket but lost with the connection before the server read it cannot be
 * known here: delivery is at most once, never twice. No reconnect.
 *
 * <p>Thread-safe.
 */
public final class ChannelClient implements AutoCloseable {

    private final EndpointOptions options;
    /** The address connected to, named in error reports. */
    private final SocketAddress remote;
    private final Consumer<Object> onUndelivered;
    private final EventLoopGroup group;
    private final FramedConnection connection;
    private final Map<Long, Link> links = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private ChannelClient(Builder b, SocketAddress address) throws InterruptedException {
        this.options = b.options.snapshot();
        this.remote = EndpointOptions.inet(address);
        this.onUndelivered = b.onUndelivered;
        this.group = EventLoops.acquireClientGroup();
        this.connection = options.connect(address, group, c -> new Listener());
    }

    /**
     * Opens a sender to the server's receiver {@code name}; returns once the server confirmed
     * that the receiver exists and is open.
     *
     * @param name the remote receiver's name; not null
     * @param type the message type (registered with the codec)
     * @param <T>  the message type
     * @return a {@code channels} sender; close it (and every clone) to disconnect the receiver
     * @throws IllegalArgumentException if {@code type} is not registered with the codec
     * @throws NetException             if there is no open receiver of that name, or the
     *                                  connection is lost or the server does not answer
     * @throws IllegalStateException    if this client is closed
     * @throws InterruptedException     if interrupted while waiting
     */
    public <T> Sender<T> sender(String name, Class<T> type) throws InterruptedException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        options.codec().typeName(type); // IllegalArgumentException if not registered
        if (closed.get()) {
            throw new IllegalStateException("channel client is closed");
        }
        Link link = open(name);
        try {
            link.opened.get(options.connectTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            link.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new NetException("cannot open remote channel " + name + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            link.close();
            throw e;
        }
        return new RemoteSender<>(link);
    }

    private Link open(String name) {
        Link link = new Link(ids.incrementAndGet(), name);
        links.put(link.id, link);
        connection.send(Envelope.message(new PatternMessages.Open(link.id, name), null), null)
                .whenComplete((v, e) -> {
                    if (e != null) {
                        link.disconnect("connection lost: " + e.getMessage(), true);
                    }
                });
        return link;
    }

    /**
     * Returns whether the connection to the server is open.
     *
     * @return true while connected
     */
    public boolean isConnected() {
        return connection.isOpen();
    }

    /**
     * Closes every sender opened here (the server sees their links close after the messages
     * they sent), then the connection once flushed, and releases the I/O threads. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Link l : links.values()) {
            l.close();
        }
        connection.closeAfterFlush();
        EndpointOptions.awaitUntil(connection.closeFuture(), options.closeDeadline(EventLoops.inGroup(group)));
        connection.close();
        EventLoops.releaseClientGroup(group, options.closeTimeout);
    }

    private void undelivered(Object message, Throwable why) {
        if (onUndelivered == null) {
            options.report(remote, new ConnectionLostException("remote channel message not delivered: "
                    + why.getMessage(), why, message));
            return;
        }
        try {
            onUndelivered.accept(message);
        } catch (RuntimeException e) {
            options.report(remote, e);
        }
    }

    /**
     * One link: the state behind one Sender handle. Credit and the disconnect reason are
     * guarded by the lock; senders park on its condition (no monitor is held while parked).
     */
    private final class Link {
        final long id;
        final String route;
        final String name;
        final CompletableFuture<Void> opened = new CompletableFuture<>();
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        int credit;
        boolean wantSent;
        String disconnected;
        boolean closed;

        Link(long id, String name) {
            this.id = id;
            this.route = Long.toString(id);
            this.name = name;
        }

        void granted(int n) {
            lock.lock();
            try {
                credit += n;
                wantSent = false;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            opened.complete(null);
        }

        void disconnect(String reason, boolean failOpen) {
            lock.lock();
            try {
                if (disconnected == null) {
                    disconnected = reason;
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (failOpen) {
                opened.completeExceptionally(new NetException(reason));
            } else {
                opened.complete(null);
            }
            links.remove(id);
        }

        boolean isDisconnected() {
            lock.lock();
            try {
                return disconnected != null;
            } finally {
                lock.unlock();
            }
        }

        /**
         * Takes one credit, waiting up to {@code nanos} (negative: forever).
         *
         * @return false on timeout (or with nanos 0, when there is no credit)
         */
        boolean acquire(Object message, long nanos) throws InterruptedException {
            lock.lockInterruptibly();
            try {
                while (true) {
                    if (closed) {
                        throw new SendException(message, "sender is closed"); // as a local handle
                    }
                    if (disconnected != null) {
                        throw new SendException(message, "remote receiver " + name + ": " + disconnected);
                    }
                    if (credit > 0) {
                        credit--;
                        return true;
                    }
                    if (!wantSent) {
                        wantSent = true;
                        connection.send(Envelope.message(new PatternMessages.Want(id), null), null);
                    }
                    if (nanos == 0) {
                        return false;
                    }
                    if (nanos < 0) {
                        changed.await();
                    } else {
                        nanos = changed.awaitNanos(nanos);
                        if (nanos <= 0 && credit == 0 && disconnected == null && !closed) {
                            return false;
                        }
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        void write(Object message) {
            connection.send(Envelope.message(message, route), message).whenComplete((v, e) -> {
                if (e != null) {
                    undelivered(message, e);
                }
            });
        }

        void close() {
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (links.remove(id) != null && connection.isOpen()) {
                connection.send(Envelope.message(new PatternMessages.CloseLink(id), null), null);
            }
        }
    }

    /** A channels Sender over one link. */
    private final class RemoteSender<T> implements Sender<T> {

        private final Link link;

        RemoteSender(Link link) {
            this.link = link;
        }

        @Override
        public void send(T message) throws InterruptedException {
            Objects.requireNonNull(message, "message");
            link.acquire(message, -1);
            link.write(message);
        }

        @Override
        public boolean trySend(T message) {
            Objects.requireNonNull(message, "message");
            boolean interrupted = Thread.interrupted();
            try {
                if (!link.acquire(message, 0)) {
                    return false;
                }
            } catch (InterruptedException e) {
                interrupted = true; // cannot happen with a zero wait; keep the flag anyway
                return false;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            link.write(message);
            return true;
        }

        @Override
        public boolean send(T message, Duration timeout) throws InterruptedException {
            Objects.requireNonNull(message, "message");
            long nanos = Durations.toNanos(timeout, "timeout"); // negative: 0; saturates
            if (!link.acquire(message, nanos)) {
                return false;
            }
            link.write(message);
            return true;
        }

        @Override
        public boolean isDisconnected() {
            return link.isDisconnected();
        }

        @Override
        public Sender<T> clone() {
            link.lock.lock();
            try {
                if (link.closed) {
                    throw new IllegalStateException("sender is closed");
                }
            } finally {
                link.lock.unlock();
            }
            Link other = open(link.name);
            if (link.isDisconnected()) {
                other.disconnect(link.disconnected, false);
            }
            return new RemoteSender<>(other);
        }

        @Override
        public void close() {
            link.close();
        }

        @Override
        public String toString() {
            return "RemoteSender[" + link.name + "#" + link.id + "]";
        }
    }

    private final class Listener implements FramedConnection.Listener {

        @Override
        public void onEnvelope(FramedConnection c, Envelope envelope) {
            Object p = envelope.payload();
            if (p instanceof PatternMessages.Credit credit) {
                Link l = links.get(credit.link());
                if (l != null) {
                    l.granted(credit.n());
                }
            } else if (p instanceof PatternMessages.Closed closedLink) {
                Link l = links.get(closedLink.link());
                if (l != null) {
                    l.disconnect(closedLink.reason(), !l.opened.isDone());
                }
            }
        }

        @Override
        public void onError(FramedConnection c, Throwable error) {
            options.report(remote, error);
        }

        @Override
        public void onClosed(FramedConnection c, Throwable cause) {
            for (Link l : links.values()) {
                l.disconnect("connection to " + c.remoteAddress() + " lost", !l.opened.isDone());
            }
        }
    }

    /** Configures a {@link ChannelClient}; not thread-safe. */
    public static final class Builder extends EndpointBuilder<Builder> {

        private Consumer<Object> onUndelivered;

        Builder(Codec codec) {
            super(codec, false);
        }

        /**
         * Sets the handler of messages accepted by a send whose write to the socket then
         * failed (the connection broke). Default: each is reported to the error listener as a
         * {@link ConnectionLostException} carrying it.
         *
         * @param onUndelivered not null; called on an I/O thread, must not block
         * @return this builder
         */
        public Builder onUndelivered(Consumer<Object> onUndelivered) {
            this.onUndelivered = Objects.requireNonNull(onUndelivered, "onUndelivered");
            return this;
        }

        /**
         * Connects to a channel server.
         *
         * @param address the server's address; an {@link java.net.InetSocketAddress}
         * @return the connected client
         * @throws NetException         if the connection cannot be established
         * @throws UnsupportedOperationException if {@code virtualThreads(true)} was set before JDK 21
         * @throws InterruptedException if interrupted while connecting
         */
        public ChannelClient connect(SocketAddress address) throws InterruptedException {
            return new ChannelClient(this, address);
        }
    }
}
