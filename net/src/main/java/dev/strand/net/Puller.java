package dev.strand.net;

import dev.strand.core.internal.Checks;
import dev.strand.channels.Channel;
import dev.strand.channels.Receiver;
import dev.strand.channels.Sender;
import dev.strand.net.transport.Envelope;
import dev.strand.net.transport.EventLoops;
import dev.strand.net.transport.FramedConnection;
import io.netty.channel.EventLoopGroup;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The working side of push-pull: receives its share of a {@link Pusher}'s messages through a
 * {@code channels} {@link Receiver}. Made by {@link Net#puller(Codec)}.
 *
 * <pre>{@code
 * try (Puller puller = Net.puller(codec).connect(new InetSocketAddress("127.0.0.1", port))) {
 *     Receiver<Job> jobs = puller.receiver(Job.class);
 *     for (Job job : jobs) { ... }     // ends when the pusher closes
 * }
 * }</pre>
 *
 * <h2>Credit</h2>
 * The puller has room for {@link Builder#window} messages (default {@value #DEFAULT_WINDOW})
 * and grants the pusher exactly that much credit; as its receiver takes messages it grants
 * more, in batches of half the window. The pusher never sends more than the credit, so a
 * puller that stops taking messages holds at most a window of them and the rest of the work
 * goes to other pullers. {@link Builder#connect} returns once the pusher has registered the credit:
 * from then on the puller is in the pusher's rotation.
 *
 * <h2>Delivery</h2>
 * At most once (see {@link Pusher}): messages still buffered here when the puller closes or
 * its process dies are lost. When the pusher closes or the connection drops, the receiver
 * delivers what was buffered and then reports the end like a channel whose senders all
 * closed ({@link dev.strand.channels.DisconnectedException}; iteration ends).
 *
 * <p>Thread-safe; the receiver is for one consumer thread at a time.
 */
public final class Puller implements AutoCloseable {

    /** Default {@link Builder#window}. */
    public static final int DEFAULT_WINDOW = 1024;

    private final EndpointOptions options;
    /** The address connected to, named in error reports. */
    private final SocketAddress remote;
    private final int window;
    private final int batch;
    private final EventLoopGroup group;
    private final Sender<Object> inbound;
    private final Receiver<Object> buffer;
    private final AtomicInteger taken = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> registered = new CompletableFuture<>();
    private final FramedConnection connection;

    private Puller(Builder b, SocketAddress address) throws InterruptedException {
        this.options = b.options.snapshot();
        this.remote = EndpointOptions.inet(address);
        this.window = b.window;
        this.batch = Math.max(1, window / 2);
        Channel<Object> ch = Channel.bounded(window);
        this.inbound = ch.sender();
        this.buffer = ch.receiver();
        this.group = EventLoops.acquireClientGroup();
        this.connection = options.connect(address, group, c -> new Listener());
        connection.send(Envelope.message(new PatternMessages.Credit(0, window), null), null)
                .whenComplete((v, e) -> {
                    if (e != null) {
                        registered.completeExceptionally(e);
                    }
                });
        try {
            registered.get(options.connectTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new NetException("pusher at " + address + " did not register this puller: " + cause.getMessage(),
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw e;
        }
    }

    /**
     * Returns the receiver of this puller's messages, typed; every call returns a view of the
     * same buffer, so use one receiver (one consumer) per puller.
     *
     * @param type the message type; a message of another type makes the receiving call throw
     *             {@link ClassCastException}
     * @param <T>  the message type
     * @return a {@code channels} receiver; closing it closes this puller
     */
    public <T> Receiver<T> receiver(Class<T> type) {
        options.codec().requireKnown(Objects.requireNonNull(type, "type"), "receiver");
        return new CountingReceiver<>(buffer, type, this::taken, this::close);
    }

    /** Grants more credit once half a window was taken; on the consumer's thread. */
    private void taken(int n) {
        if (taken.addAndGet(n) >= batch) {
            int grant = taken.getAndSet(0);
            if (grant > 0 && connection.isOpen()) {
                connection.send(Envelope.message(new PatternMessages.Credit(0, grant), null), null);
            }
        }
    }

    /**
     * Returns whether the connection to the pusher is open.
     *
     * @return true while connected
     */
    public boolean isConnected() {
        return connection != null && connection.isOpen();
    }

    /**
     * Disconnects from the pusher (messages still buffered here are dropped), closes the
     * receiver and releases the I/O threads. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (connection != null) {
            connection.close();
            EndpointOptions.awaitUntil(connection.closeFuture(), options.closeDeadline(EventLoops.inGroup(group)));
        }
        inbound.close();
        buffer.close();
        EventLoops.releaseClientGroup(group, options.closeTimeout);
    }

    private final class Listener implements FramedConnection.Listener {

        /**
         * Messages decoded in the current socket read, handed to the buffer together when the
         * read completes: the consumer is woken once per read, not once per message. Confined
         * to the connection's event loop.
         */
        private final List<Object> batch = new ArrayList<>();

        @Override
        public void onEnvelope(FramedConnection c, Envelope envelope) {
            Object p = envelope.payload();
            if (p instanceof PatternMessages.Ack) {
                registered.complete(null);
                return;
            }
            if (envelope.type().startsWith("$")) {
                return; // a control message of a newer peer
            }
            batch.add(p);
        }

        @Override
        public void onReadComplete(FramedConnection c) {
            handOver(c);
        }

        private void handOver(FramedConnection c) {
            int n = batch.size();
            if (n == 0) {
                return;
            }
            try {
                for (int i = 0; i < n; i++) {
                    if (!inbound.trySend(batch.get(i))) {
                        // More than the granted credit: the peer breaks the protocol.
                        ProtocolException e = new ProtocolException("pusher sent more than its credit of " + window);
                        options.report(remote, e);
                        c.close(e);
                        break;
                    }
                }
            } catch (dev.strand.channels.SendException e) {
                // receiver closed: this puller is closing, the messages are dropped
            } finally {
                batch.clear();
            }
        }

        @Override
        public void onError(FramedConnection c, Throwable error) {
            options.report(remote, error);
        }

        @Override
        public void onClosed(FramedConnection c, Throwable cause) {
            registered.completeExceptionally(new ConnectionLostException("connection to pusher closed", cause));
            handOver(c); // what was read before the close is still delivered
            inbound.close(); // the receiver drains what was buffered, then reports the end
            if (!closed.get() && cause != null) {
                options.report(remote, new ConnectionLostException("connection to pusher " + c.remoteAddress()
                        + " lost", cause));
            }
        }
    }

    /** Configures a {@link Puller}; not thread-safe. */
    public static final class Builder extends EndpointBuilder<Builder> {

        private int window = DEFAULT_WINDOW;

        Builder(Codec codec) {
            super(codec, false);
        }

        /**
         * Sets how many messages this puller has room for, which is the credit it grants the
         * pusher (default {@value Puller#DEFAULT_WINDOW}).
         *
         * @param window at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code window < 1}
         */
        public Builder window(int window) {
            this.window = Checks.positive(window, "window");
            return this;
        }

        /**
         * Connects to a pusher and grants it the first window of credit; returns once the
         * pusher registered it.
         *
         * @param address the pusher's address; an {@link java.net.InetSocketAddress}
         * @return the connected puller
         * @throws NetException         if the connection cannot be established
         * @throws UnsupportedOperationException if {@code virtualThreads(true)} was set before JDK 21
         * @throws InterruptedException if interrupted while connecting
         */
        public Puller connect(SocketAddress address) throws InterruptedException {
            return new Puller(this, address);
        }
    }
}
