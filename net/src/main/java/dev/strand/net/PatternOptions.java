package dev.strand.net;

import dev.strand.core.internal.Checks;
import dev.strand.net.transport.ClientTransport;
import dev.strand.net.transport.EnvelopeCodec;
import dev.strand.net.transport.EventLoops;
import dev.strand.net.transport.FramedConnection;
import dev.strand.net.transport.TransportConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The transport options every pattern builder shares (codec, limits, frame size, idle time,
 * error listener), and the {@link TransportConfig} they make.
 */
final class PatternOptions {

    private static final System.Logger LOG = System.getLogger("dev.strand.net");

    /** The default error listener: expected events at DEBUG without a stack trace, others at WARNING. */
    static final Consumer<Throwable> LOG_ERRORS = e -> Handlers.log("net pattern: ", e);

    final JsonCodec codec;
    Limits limits = Limits.defaults();
    int maxFrameLength = TransportConfig.DEFAULT_MAX_FRAME_LENGTH;
    Duration idleTimeout = TransportConfig.DEFAULT_IDLE_TIMEOUT;
    Duration connectTimeout = Duration.ofSeconds(10);
    Duration closeTimeout = Duration.ofSeconds(10);
    Consumer<? super Throwable> onError = LOG_ERRORS;
    /** TLS context, or null for plain TCP. */
    SslContext ssl;

    PatternOptions(Codec codec) {
        Objects.requireNonNull(codec, "codec");
        if (!(codec instanceof JsonCodec json)) {
            throw new IllegalArgumentException("codec must be a JsonCodec");
        }
        this.codec = json;
    }

    void limits(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    void maxFrameLength(int maxFrameLength) {
        this.maxFrameLength = NetServer.checkFrameLength(maxFrameLength);
    }

    void idleTimeout(Duration idleTimeout) {
        this.idleTimeout = Checks.nonNegative(idleTimeout, "idleTimeout");
    }

    /** Sets TLS; {@code server} says which side's context this endpoint needs. */
    void tls(SslContext sslContext, boolean server) {
        this.ssl = TransportConfig.requireTlsSide(sslContext, server);
    }

    void connectTimeout(Duration connectTimeout) {
        this.connectTimeout = Checks.positive(connectTimeout, "connectTimeout");
    }

    void closeTimeout(Duration closeTimeout) {
        this.closeTimeout = Checks.nonNegative(closeTimeout, "closeTimeout");
    }

    /** An immutable copy, taken by a start call: later builder changes do not reach the endpoint. */
    PatternOptions snapshot() {
        PatternOptions s = new PatternOptions(codec);
        s.limits = limits;
        s.maxFrameLength = maxFrameLength;
        s.idleTimeout = idleTimeout;
        s.connectTimeout = connectTimeout;
        s.closeTimeout = closeTimeout;
        s.onError = onError;
        s.ssl = ssl;
        return s;
    }

    void onError(Consumer<? super Throwable> onError) {
        this.onError = Objects.requireNonNull(onError, "onError");
    }

    TransportConfig config() {
        return new TransportConfig(new EnvelopeCodec(codec.types(), maxFrameLength, PatternMessages.TYPES), idleTimeout,
                TransportConfig.defaultKeepAlive(idleTimeout), limits, ssl);
    }

    /**
     * The deadline (in {@link System#nanoTime()}) of a close starting now: the close timeout
     * from now, or now when called on one of the endpoint's own threads, where waiting would
     * wait for the caller itself.
     */
    long closeDeadline(boolean ownThread) {
        return System.nanoTime() + (ownThread ? 0 : closeTimeout.toNanos());
    }

    /**
     * Waits for {@code f} until {@code deadline} (in {@link System#nanoTime()}), however it
     * ends. A timed get starts no timer thread, unlike {@code orTimeout}, whose JDK delay
     * scheduler outlives the endpoint and holds a program's exit. An interrupt ends the wait
     * and stays set.
     */
    static void awaitUntil(java.util.concurrent.Future<?> f, long deadline) {
        try {
            f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | java.util.concurrent.CancellationException e) {
            // the endpoint closes regardless
        }
    }

    /** Reports to the error listener; a listener that throws does not disturb the caller. */
    void report(Throwable error) {
        try {
            onError.accept(error);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "error listener failed", e);
        }
    }

    static int positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1: " + value);
        }
        return value;
    }

    static InetSocketAddress inet(SocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (!(address instanceof InetSocketAddress inet)) {
            throw new IllegalArgumentException("address must be an InetSocketAddress: " + address);
        }
        return inet;
    }

    /**
     * Connects one framed connection on the shared client group; on any failure the group
     * reference is released and nothing is left open.
     */
    FramedConnection connect(SocketAddress address, EventLoopGroup group,
                             Function<FramedConnection, FramedConnection.Listener> listeners)
            throws InterruptedException {
        InetSocketAddress inet = inet(address);
        java.util.concurrent.CompletableFuture<FramedConnection> f =
                ClientTransport.connect(group, inet, config(), listeners, connectTimeout);
        try {
            return f.get(connectTimeout.toNanos() + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            EventLoops.releaseClientGroup(group, closeTimeout);
            Throwable cause = e.getCause();
            throw new NetException("cannot connect to " + address + ": " + cause.getMessage(),
                    cause.getCause() != null ? cause.getCause() : cause);
        } catch (TimeoutException e) {
            f.thenAccept(FramedConnection::close);
            EventLoops.releaseClientGroup(group, closeTimeout);
            throw new NetException("cannot connect to " + address + ": timed out after " + connectTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.thenAccept(FramedConnection::close);
            EventLoops.releaseClientGroup(group, closeTimeout);
            throw e;
        }
    }

    /**
     * Runs {@code task} on {@code executor}, or not at all once the executor shut down (the
     * endpoint closed: the task's bookkeeping no longer matters).
     */
    static void runOn(java.util.concurrent.Executor executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed
        }
    }
}
