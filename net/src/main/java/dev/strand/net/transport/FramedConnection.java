package dev.strand.net.transport;

import dev.strand.net.BackpressureException;
import dev.strand.net.ConnectionLostException;
import dev.strand.net.FrameTooLargeException;
import dev.strand.net.Limits;
import dev.strand.net.NetException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One framed, codec'd connection: the unit the request-reply layer and the messaging patterns
 * are built on.
 *
 * <p>Writing: {@link #send(Envelope, Object)} encodes on the caller's thread (the codec is
 * thread-safe) and hands the frame to the channel; the returned future completes when the
 * frame was written to the socket. Frames wait in Netty's outbound buffer while the socket is
 * not writable; the bytes waiting are counted here and bounded by
 * {@link Limits#maxQueuedBytes()}: a send beyond the bound fails with
 * {@link BackpressureException} and writes nothing. {@link #isWritable()} and
 * {@link Listener#onWritabilityChanged} follow the channel's {@code WriteBufferWaterMark}
 * (high mark: half the queue bound, capped at 1 MiB) for a pattern that prefers to stop
 * producing before it has to be refused.
 *
 * <p>Reading: every decoded envelope goes to the {@link Listener} on the channel's event loop,
 * in arrival order. Keepalive pings are consumed below the listener. The listener must not
 * block: hand blocking work to an executor.
 *
 * <p>Thread-safe: any thread may send or close.
 */
public final class FramedConnection {

    /**
     * Receives what arrives on a {@link FramedConnection}; called on its event loop, one call
     * at a time, and must not block.
     */
    public interface Listener {

        /** The channel became active (connected); frames may be sent from now on. */
        default void onActive(FramedConnection connection) {
        }

        /** A decoded envelope (never a ping or a cancel). */
        void onEnvelope(FramedConnection connection, Envelope envelope);

        /**
         * The peer cancelled its request {@code id} (a {@code $cancel} frame); the default
         * ignores it (an endpoint that serves no requests).
         */
        default void onCancel(FramedConnection connection, long id) {
        }

        /**
         * The end of one read from the socket, after the {@link #onEnvelope} calls of the
         * frames it carried: the place to hand batched work over.
         */
        default void onReadComplete(FramedConnection connection) {
        }

        /** A frame that could not be decoded; the default reports it and closes the connection. */
        default void onDecodeFailure(FramedConnection connection, FrameDecodeException failure) {
            onError(connection, failure);
            connection.close();
        }

        /** A failure to report (the connection is being closed by the transport if fatal). */
        void onError(FramedConnection connection, Throwable error);

        /** The channel's writability changed. */
        default void onWritabilityChanged(FramedConnection connection, boolean writable) {
        }

        /**
         * The connection closed; called once. {@code cause} is why, or null for an orderly
         * close by either side.
         */
        void onClosed(FramedConnection connection, Throwable cause);

        /**
         * Whether the connection has work in progress although nothing was read for the idle
         * timeout (reading paused for backpressure): if so it is not closed as idle.
         */
        default boolean busy() {
            return false;
        }
    }

    private final Channel channel;
    private final EnvelopeCodec codec;
    /** Who opened it: the accepting endpoint's kind ("server", "publisher", ...) or "client". */
    private final String role;
    private final long maxQueuedBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final LongAdder framesSent = new LongAdder();
    private final LongAdder framesReceived = new LongAdder();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** Set once before the channel is registered; read on the event loop afterwards. */
    private volatile Listener listener;
    /** The addresses when the channel became active: still known once it closed (JFR events). */
    private volatile SocketAddress remoteAtOpen;
    private volatile SocketAddress localAtOpen;
    /** The first reason recorded for the closing, reported to onClosed. */
    private volatile Throwable closeCause;

    /**
     * @param channel        the socket
     * @param codec          encodes and decodes its envelopes
     * @param maxQueuedBytes the bound on bytes encoded and not yet written
     * @param role           the accepting endpoint's kind ({@code "server"}, {@code "publisher"},
     *                       ...) or {@code "client"} on the connecting side; named in the JFR
     *                       connection events
     */
    public FramedConnection(Channel channel, EnvelopeCodec codec, long maxQueuedBytes, String role) {
        this(channel, codec, maxQueuedBytes, role, 0);
    }

    /**
     * @param keepAliveNanos a ping is written after this long without writing; 0 for none
     */
    public FramedConnection(Channel channel, EnvelopeCodec codec, long maxQueuedBytes, String role,
                            long keepAliveNanos) {
        this.channel = channel;
        this.codec = codec;
        this.maxQueuedBytes = maxQueuedBytes;
        this.role = role;
        this.keepAliveNanos = keepAliveNanos;
    }

    public void listener(Listener listener) {
        this.listener = listener;
    }

    public Listener listener() {
        return listener;
    }

    public Channel channel() {
        return channel;
    }

    public EnvelopeCodec codec() {
        return codec;
    }

    /** The accepting endpoint's kind, or {@code "client"} on the connecting side. */
    public String role() {
        return role;
    }

    /**
     * The peer's address as it was when the connection opened, or the channel's own before
     * that: a client's connect future completes just before Netty fires channelActive.
     */
    public SocketAddress remoteAtOpen() {
        SocketAddress a = remoteAtOpen;
        return a != null ? a : channel.remoteAddress();
    }

    /** This side's address as it was when the connection opened, or the channel's own before that. */
    public SocketAddress localAtOpen() {
        SocketAddress a = localAtOpen;
        return a != null ? a : channel.localAddress();
    }

    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    public SocketAddress localAddress() {
        return channel.localAddress();
    }

    public boolean isOpen() {
        return channel.isActive() && !closed.isDone();
    }

    /** Whether the socket's outbound buffer is below its high water mark. */
    public boolean isWritable() {
        return channel.isWritable();
    }

    public long maxQueuedBytes() {
        return maxQueuedBytes;
    }

    public long queuedBytes() {
        return queuedBytes.get();
    }

    public long framesSent() {
        return framesSent.sum();
    }

    public long framesReceived() {
        return framesReceived.sum();
    }

    /** Completes (never exceptionally) once the connection closed and its listener was told. */
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    /**
     * Told that a frame sent with {@link #send(Envelope, Object, long, WriteFailure)} was not
     * written: the request-reply layer's one callback per connection, in place of a future and
     * a stage per frame.
     */
    public interface WriteFailure {

        /**
         * The frame sent with {@code tag} was not written (on the sending thread, or the event
         * loop once the write failed).
         *
         * @param tag   what the sender passed, e.g. a request id
         * @param error as the future of {@link #send(Envelope, Object)} would fail
         */
        void failed(long tag, Throwable error);
    }

    /**
     * Encodes and writes one envelope.
     *
     * @param undelivered what to hand back in a failure (the user's message)
     * @return completes when the frame was written to the socket; fails with
     *         {@link BackpressureException}, {@link FrameTooLargeException},
     *         {@link ConnectionLostException} or {@link NetException} (encoding failed)
     * @throws IllegalArgumentException if the payload's type is not registered
     */
    public CompletableFuture<Void> send(Envelope envelope, Object undelivered) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        send(envelope, undelivered, result, 0, null);
        return result;
    }

    /**
     * Encodes and writes one envelope; only a failure is told, to {@code onFailure} with
     * {@code tag} (the failures of {@link #send(Envelope, Object)}'s future).
     *
     * @throws IllegalArgumentException if the payload's type is not registered
     */
    public void send(Envelope envelope, Object undelivered, long tag, WriteFailure onFailure) {
        send(envelope, undelivered, null, tag, onFailure);
    }

    private void send(Envelope envelope, Object undelivered, CompletableFuture<Void> result, long tag,
                      WriteFailure onFailure) {
        if (!channel.isActive()) {
            fail(result, tag, onFailure, lost(null, undelivered));
            return;
        }
        ByteBuf frame;
        try {
            frame = codec.encode(envelope, channel.alloc());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (NetException e) {
            fail(result, tag, onFailure, e);
            return;
        }
        writeFrame(frame, undelivered, result, tag, onFailure);
    }

    private static void fail(CompletableFuture<Void> result, long tag, WriteFailure onFailure, Throwable error) {
        if (result != null) {
            result.completeExceptionally(error);
        } else {
            onFailure.failed(tag, error);
        }
    }

    /** Writes an already encoded frame (ownership passes here), completing {@code result}. */
    public void writeFrame(ByteBuf frame, Object undelivered, CompletableFuture<Void> result) {
        writeFrame(frame, undelivered, result, 0, null);
    }

    /** As above; exactly one of {@code result} and {@code onFailure} is not null. */
    private void writeFrame(ByteBuf frame, Object undelivered, CompletableFuture<Void> result, long tag,
                            WriteFailure onFailure) {
        int size = frame.readableBytes();
        // Reserve first, then check: two racing senders may both see the bound exceeded and
        // both back off although one would have fit; that errs on the safe side.
        if (queuedBytes.addAndGet(size) > maxQueuedBytes) {
            queuedBytes.addAndGet(-size);
            frame.release();
            fail(result, tag, onFailure, new BackpressureException(undelivered, maxQueuedBytes));
            return;
        }
        if (outbound.offer(new Write(frame, size, undelivered, result, tag, onFailure))) {
            scheduleDrain();
        }
    }

    /*
     * Outbound batching: senders on any thread offer frames to `outbound` and the one whose
     * offer returns true schedules a single drain task on the event loop; the drain writes
     * every frame it finds and flushes once. This replaces one Netty write task and one flush
     * per message with one task and one flush per batch. DrainQueue says why no frame is
     * stranded.
     */
    private final DrainQueue<Write> outbound = new DrainQueue<>();
    private final Runnable drainTask = this::drain;

    private void scheduleDrain() {
        try {
            channel.eventLoop().execute(drainTask);
        } catch (RejectedExecutionException e) {
            // The event loop is gone: this thread holds the drain, so it is the only consumer;
            // nothing can be written any more, so every queued frame goes back to its sender.
            Write w;
            while ((w = outbound.poll()) != null) {
                w.frame.release();
                w.failed(new ClosedChannelException());
            }
            outbound.release();
            if (!outbound.isEmpty() && outbound.claim()) {
                scheduleDrain(); // a frame offered meanwhile; the loop is still gone: fail it too
            }
        }
    }

    /** On the event loop: writes what senders queued, flushes once. */
    private void drain() {
        outbound.beginDrain();
        int written = 0;
        Write w;
        while (written < MAX_WRITES_PER_DRAIN && (w = outbound.poll()) != null) {
            channel.write(w.frame, channel.newPromise().addListener(w));
            written++;
        }
        if (written > 0) {
            channel.flush();
            lastWriteNanos = System.nanoTime();
        }
        if (written == MAX_WRITES_PER_DRAIN && !outbound.isEmpty() && outbound.claim()) {
            scheduleDrain(); // yield the loop to reads and other channels, then go on
        }
    }

    /** Most frames one drain writes before it lets the event loop do other work. */
    private static final int MAX_WRITES_PER_DRAIN = 1024;

    /** One queued frame; completes the sender's future, or tells its failure callback, when the socket write finished. */
    private final class Write implements ChannelFutureListener {
        final ByteBuf frame;
        final int size;
        final Object undelivered;
        /** Null when {@code onFailure} is set. */
        final CompletableFuture<Void> result;
        final long tag;
        final WriteFailure onFailure;

        Write(ByteBuf frame, int size, Object undelivered, CompletableFuture<Void> result, long tag,
              WriteFailure onFailure) {
            this.frame = frame;
            this.size = size;
            this.undelivered = undelivered;
            this.result = result;
            this.tag = tag;
            this.onFailure = onFailure;
        }

        @Override
        public void operationComplete(ChannelFuture f) {
            if (f.isSuccess()) {
                queuedBytes.addAndGet(-size);
                framesSent.increment();
                if (result != null) {
                    result.complete(null);
                }
            } else {
                failed(f.cause());
            }
        }

        void failed(Throwable cause) {
            queuedBytes.addAndGet(-size);
            fail(result, tag, onFailure, lost(cause, undelivered));
        }
    }

    private ConnectionLostException lost(Throwable cause, Object undelivered) {
        Throwable why = cause != null ? cause : closeCause;
        return new ConnectionLostException("connection to " + channel.remoteAddress() + " is closed", why,
                undelivered);
    }

    /** Writes a keepalive ping; failures are ignored (the close path reports them). */
    public void ping() {
        if (channel.isActive()) {
            ByteBuf frame = codec.encode(Envelope.PING);
            channel.writeAndFlush(frame, channel.voidPromise());
        }
    }

    /*
     * Keepalive: a ping after keepAliveNanos without a write. The last write is noted once per
     * drain (not per frame, as a writer-idle IdleStateHandler would with a listener on every
     * write's promise); one timer per connection checks it, as that handler's would.
     */
    private final long keepAliveNanos;
    /** When the last drain or ping wrote (System.nanoTime); confined to the event loop. */
    private long lastWriteNanos;
    /** The pending keepalive check; confined to the event loop. */
    private io.netty.util.concurrent.Future<?> keepAliveCheck;

    /** On the event loop: arms the next check {@code delayNanos} from now. */
    private void scheduleKeepAlive(long delayNanos) {
        keepAliveCheck = channel.eventLoop().schedule(this::checkKeepAlive, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkKeepAlive() {
        if (!channel.isActive()) {
            return;
        }
        long idle = System.nanoTime() - lastWriteNanos;
        if (idle >= keepAliveNanos) {
            ping();
            lastWriteNanos = System.nanoTime();
            idle = 0;
        }
        scheduleKeepAlive(keepAliveNanos - idle);
    }

    public void recordReceived() {
        framesReceived.increment();
    }

    /** Closes at once; frames not yet written are failed with ConnectionLostException. */
    public void close() {
        channel.close();
    }

    /** Closes with a recorded reason (the first reason wins). */
    public void close(Throwable cause) {
        if (closeCause == null) {
            closeCause = cause; // benign race: any of the concurrent reasons is a true one
        }
        channel.close();
    }

    /** Closes once every frame written so far has reached the socket. */
    public void closeAfterFlush() {
        if (!channel.isActive()) {
            channel.close();
            return;
        }
        try {
            channel.eventLoop().execute(() -> {
                // Frames queued before this call are written first (the queue is FIFO and
                // this task runs after the drain that takes them, or drains them itself).
                drain();
                channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            });
        } catch (RejectedExecutionException e) {
            channel.close();
        }
    }

    /** Called once by the handler when the channel became active. */
    void opened() {
        remoteAtOpen = channel.remoteAddress();
        localAtOpen = channel.localAddress();
        if (keepAliveNanos > 0) {
            lastWriteNanos = System.nanoTime();
            scheduleKeepAlive(keepAliveNanos);
        }
        Jfr.opened(this);
        listener.onActive(this);
    }

    /** Called once by the handler when the channel became inactive. */
    public void closed() {
        Listener l = listener;
        if (keepAliveCheck != null) {
            keepAliveCheck.cancel(false);
        }
        try {
            Jfr.closed(this, closeCause);
            if (l != null) {
                l.onClosed(this, closeCause);
            }
        } finally {
            closed.complete(null);
        }
    }

    @Override
    public String toString() {
        return "FramedConnection[" + channel.localAddress() + " -> " + channel.remoteAddress() + "]";
    }
}
