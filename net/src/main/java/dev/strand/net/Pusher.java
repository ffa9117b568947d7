package dev.strand.net;

import dev.strand.core.internal.Checks;
import dev.strand.net.transport.Envelope;
import dev.strand.net.transport.FramedConnection;
import dev.strand.net.transport.ServerTransport;
import dev.strand.net.transport.TransportConfig;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The distributing side of push-pull: spreads messages across the connected {@link Puller}s,
 * round robin over those ready to take one. Made by {@link Net#pusher(Codec)}.
 *
 * <pre>{@code
 * Pusher pusher = Net.pusher(codec).bind(new InetSocketAddress("127.0.0.1", 0));
 * pusher.push(new Job(1)).join();   // completes once a puller's connection took it
 * pusher.close();
 * }</pre>
 *
 * <h2>Flow control</h2>
 * Each puller grants credit: the number of messages it has room for (its
 * {@link Puller.Builder#window window}), renewed as its receiver takes them. A message goes
 * only to a puller with credit, so a stalled puller is sent at most its window and never
 * hoards work; the others get the rest. Among pullers with credit the choice is round robin.
 * With no puller ready, pushed messages wait here in a bounded queue
 * ({@link Builder#maxQueued}, default {@value #DEFAULT_MAX_QUEUED} messages); a push beyond it
 * fails at once with {@link BackpressureException} (the message handed back by
 * {@link BackpressureException#undelivered()}).
 *
 * <h2>Delivery: at most once</h2>
 * {@link #push} completes when the message was written to a puller's socket. A message whose
 * write fails because that puller's connection broke is put back at the head of the queue
 * and goes to another puller; its future completes then. A message that was written, but
 * that the puller never delivered to its receiver (it crashed, or was closed with messages
 * still buffered), is lost: push-pull is at-most-once once a future completed, and nothing
 * is sent twice. Messages from one pushing thread to one puller arrive in push order.
 *
 * <h2>Threads</h2>
 * One I/O thread ({@code strand-net-pusher-*}) owns the queue, the pullers' credit and every
 * socket; {@link #push} encodes on the caller's thread and hands the frame over. Thread-safe.
 */
public final class Pusher implements AutoCloseable {

    /** Default {@link Builder#maxQueued}: 16 384 messages. */
    public static final int DEFAULT_MAX_QUEUED = 16_384;

    private final EndpointOptions options;
    private final TransportConfig config;
    private final int maxQueued;
    private final ServerTransport transport;
    private final EventLoop loop;
    /** Pushed messages on their way to the loop (any thread → loop). */
    private final Queue<Item> inbox = new ConcurrentLinkedQueue<>();
    /** Messages put back after a failed write; loop only, served before the inbox. */
    private final ArrayDeque<Item> retry = new ArrayDeque<>();
    /** Messages pushed and not yet written to a puller's socket (the queue bound's count). */
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Pullers that have connected and granted credit; loop only. */
    private final List<Peer> pullers = new ArrayList<>();
    /** Round-robin position in pullers; loop only. */
    private int next;
    private volatile boolean closed;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Runnable drainTask = this::drain;

    private record Item(ByteBuf frame, Object message, CompletableFuture<Void> future) {
    }

    private Pusher(Builder b, SocketAddress address) {
        this.options = b.options.snapshot();
        this.config = options.config(PatternMessages.TYPES);
        this.maxQueued = b.maxQueued;
        // One I/O thread whatever ioThreads says: the pullers and the queue are confined to it.
        this.transport = ServerTransport.bind(address, config, 1, "pusher", Peer::new,
                rejected -> options.report(null, rejected));
        this.loop = transport.group().next();
    }

    /**
     * Queues {@code message} for the next ready puller.
     *
     * @param message a message of a type registered with the codec; not null
     * @return completes when a puller's connection took the message (it was written to that
     *         puller's socket); fails with {@link BackpressureException} if
     *         {@link Builder#maxQueued} messages are already waiting, or with
     *         {@link NetException} if the pusher is closed before a puller took it
     * @throws IllegalArgumentException if the message's type is not registered
     * @throws FrameTooLargeException   if the encoded message is longer than maxFrameLength
     */
    public CompletableFuture<Void> push(Object message) {
        Objects.requireNonNull(message, "message");
        CompletableFuture<Void> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(new NetException("pusher is closed"));
            return future;
        }
        ByteBuf frame = config.codec().encode(Envelope.message(message, null));
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            frame.release();
            future.completeExceptionally(new BackpressureException("push queue full (" + maxQueued
                    + " messages waiting for a ready puller)", message, maxQueued));
            return future;
        }
        inbox.offer(new Item(frame, message, future));
        // One drain task at a time; a push racing with a drain that already reset the flag
        // schedules another, which finds the queue empty or serves its item.
        if (!drainScheduled.get() && drainScheduled.compareAndSet(false, true)) {
            EndpointOptions.runOn(loop, drainTask);
        }
        if (closed) {
            // Raced with close: do not leave the future hanging. Once the loop is gone, nothing
            // else polls the inbox, so this thread may.
            try {
                loop.execute(this::failQueued);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                failInbox();
            }
        }
        return future;
    }

    /**
     * Returns how many messages wait for a ready puller.
     *
     * @return the number queued here and not yet written to a puller
     */
    public int queued() {
        return queued.get();
    }

    /**
     * Returns the port this pusher listens on.
     *
     * @return the bound port
     */
    public int port() {
        return transport.localAddress().getPort();
    }

    /**
     * Returns the address this pusher listens on.
     *
     * @return the bound address
     */
    public InetSocketAddress address() {
        return transport.localAddress();
    }

    /**
     * Stops accepting, fails every message still queued (its future fails with
     * {@link NetException}), flushes what was written, closes every puller connection and stops
     * the I/O thread. Idempotent.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        long deadline = options.closeDeadline(transport.onOwnThread());
        transport.stopAccepting();
        if (loop.inEventLoop()) {
            failQueued();
        } else {
            EndpointOptions.awaitUntil(loop.submit(this::failQueued), deadline);
        }
        transport.closeConnections();
        for (FramedConnection c : transport.connections()) {
            EndpointOptions.awaitUntil(c.closeFuture(), deadline);
        }
        transport.shutDown(options.closeTimeout);
    }

    private void failInbox() {
        Item it;
        while ((it = inbox.poll()) != null) {
            queued.decrementAndGet();
            it.frame.release();
            it.future.completeExceptionally(new NetException("pusher closed before a puller took the message"));
        }
    }

    private void failQueued() {
        NetException e = new NetException("pusher closed before a puller took the message");
        Item it;
        while ((it = retry.poll()) != null || (it = inbox.poll()) != null) {
            queued.decrementAndGet();
            it.frame.release();
            it.future.completeExceptionally(e);
        }
    }

    /** Hands queued messages to pullers with credit, round robin; on the loop. */
    private void drain() {
        drainScheduled.set(false);
        if (closed) {
            failQueued();
            return;
        }
        int n = pullers.size();
        if (n == 0) {
            return;
        }
        boolean wrote = false;
        // Check for a message before choosing a puller: the turn moves on only when used.
        while (!retry.isEmpty() || inbox.peek() != null) {
            Peer p = nextReady(n);
            if (p == null) {
                break;
            }
            Item it = retry.poll();
            if (it == null) {
                it = inbox.poll(); // not null: only this thread polls
            }
            queued.decrementAndGet();
            p.credit--;
            p.dirty = true;
            wrote = true;
            p.write(it);
        }
        if (wrote) {
            for (int i = 0; i < pullers.size(); i++) {
                Peer p = pullers.get(i);
                if (p.dirty) {
                    p.dirty = false;
                    p.connection.channel().flush();
                }
            }
        }
    }

    private Peer nextReady(int n) {
        for (int i = 0; i < n; i++) {
            Peer p = pullers.get(next);
            next = next + 1 == n ? 0 : next + 1;
            if (p.credit > 0) {
                return p;
            }
        }
        return null;
    }

    /** One puller connection; its state is confined to the loop. */
    private final class Peer implements FramedConnection.Listener {

        final FramedConnection connection;
        int credit;
        boolean dirty;
        boolean registered;
        boolean gone;

        Peer(FramedConnection connection) {
            this.connection = connection;
        }

        void write(Item it) {
            ChannelPromise promise = connection.channel().newPromise();
            promise.addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    it.future.complete(null);
                } else {
                    requeue(it);
                }
            });
            // Credit bounds what waits in this connection's outbound buffer: at most the
            // puller's window of frames.
            connection.channel().write(it.frame, promise);
        }

        private void requeue(Item it) {
            // On the loop (the promise of a channel of this loop). A failed write means this
            // connection is broken: take it out of the rotation before serving the queue again.
            // The frame was released by the failed write: encode the message again.
            gone = true;
            credit = 0;
            if (closed) {
                it.future.completeExceptionally(new NetException("pusher closed before a puller took the message"));
                return;
            }
            ByteBuf frame;
            try {
                frame = config.codec().encode(Envelope.message(it.message, null));
            } catch (RuntimeException e) {
                it.future.completeExceptionally(e);
                return;
            }
            queued.incrementAndGet();
            retry.addFirst(new Item(frame, it.message, it.future));
            drain();
        }

        @Override
        public void onEnvelope(FramedConnection c, Envelope envelope) {
            if (envelope.payload() instanceof PatternMessages.Credit credit && credit.n() > 0 && !gone) {
                this.credit += credit.n();
                if (!registered) {
                    registered = true;
                    pullers.add(this);
                    c.send(Envelope.message(new PatternMessages.Ack(0), null), null);
                }
                drain();
                return;
            }
            ProtocolException e = new ProtocolException("a puller sent " + envelope.type()
                    + "; a pusher accepts only credit");
            options.report(c.remoteAddress(), e);
            c.close(e);
        }

        @Override
        public void onError(FramedConnection c, Throwable error) {
            options.report(c.remoteAddress(), error);
        }

        @Override
        public void onClosed(FramedConnection c, Throwable cause) {
            gone = true;
            credit = 0;
            int i = pullers.indexOf(this);
            if (i >= 0) {
                pullers.remove(i);
                if (next > i) {
                    next--;
                }
                if (next >= pullers.size()) {
                    next = 0;
                }
            }
        }
    }

    /** Configures a {@link Pusher}; not thread-safe. */
    public static final class Builder extends EndpointBuilder<Builder> {

        private int maxQueued = DEFAULT_MAX_QUEUED;

        Builder(Codec codec) {
            super(codec, true);
        }

        /**
         * Sets how many pushed messages may wait for a ready puller (default
         * {@value Pusher#DEFAULT_MAX_QUEUED}).
         *
         * @param maxQueued at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxQueued < 1}
         */
        public Builder maxQueued(int maxQueued) {
            this.maxQueued = Checks.positive(maxQueued, "maxQueued");
            return this;
        }

        /**
         * Binds and starts accepting pullers.
         *
         * @param address the local address; port 0 picks a free one
         * @return the running pusher
         * @throws NetException if the address cannot be bound
         * @throws UnsupportedOperationException if {@code virtualThreads(true)} was set before JDK 21
         */
        public Pusher bind(SocketAddress address) {
            Objects.requireNonNull(address, "address");
            return new Pusher(this, address);
        }
    }
}
