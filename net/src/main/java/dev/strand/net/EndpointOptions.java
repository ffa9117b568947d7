package dev.strand.net;

import dev.strand.core.internal.Checks;
import dev.strand.core.internal.VirtualThreads;
import dev.strand.net.transport.ClientTransport;
import dev.strand.net.transport.EnvelopeCodec;
import dev.strand.net.transport.EventLoops;
import dev.strand.net.transport.FramedConnection;
import dev.strand.net.transport.PayloadTypes;
import dev.strand.net.transport.TransportConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The options every endpoint shares (codec, limits, frame length, TLS, idle time, keepalive,
 * connect and close timeouts, I/O threads, handler executor, virtual threads, error listener),
 * set through {@link EndpointBuilder}; and what an endpoint makes of them: its
 * {@link TransportConfig}, its handler executor, its error reports, its connect and its close
 * deadline.
 *
 * <p>A builder mutates one instance; a start call takes an immutable {@link #snapshot()},
 * which also checks what cannot be checked setter by setter.
 */
final class EndpointOptions {

    private static final System.Logger LOG = System.getLogger("dev.strand.net");

    /**
     * The default error listener: an expected event (a peer gone, a TLS handshake refused) at
     * DEBUG without a stack trace, anything else a warning in the JDK's platform log.
     */
    static final ErrorListener LOG_ERRORS = (remote, error) ->
            Handlers.log("strand-net: " + (remote != null ? remote + ": " : ""), error);

    /** The one bound on {@code maxFrameLength}, for every endpoint. */
    static final int MIN_FRAME_LENGTH = 64;
    static final int MAX_FRAME_LENGTH = 1 << 30;

    Codec codec;
    Limits limits = Limits.defaults();
    int maxFrameLength = TransportConfig.DEFAULT_MAX_FRAME_LENGTH;
    Duration idleTimeout = TransportConfig.DEFAULT_IDLE_TIMEOUT;
    /** Null: a third of the idle timeout. */
    Duration keepAlive;
    Duration connectTimeout = NetClient.DEFAULT_CONNECT_TIMEOUT;
    Duration closeTimeout = NetServer.DEFAULT_CLOSE_TIMEOUT;
    /** Null: the endpoint's own default. */
    Integer ioThreads;
    /** The handler executor given by the user, or null for one owned by the endpoint. */
    Executor executor;
    boolean virtualThreads;
    ErrorListener onError = LOG_ERRORS;
    /** TLS context, or null for plain TCP. */
    SslContext ssl;
    /** Set by a snapshot: the codec, checked. */
    private JsonCodec json;

    EndpointOptions(Codec codec) {
        this.codec = codec;
    }

    /**
     * An immutable copy, taken by a start call: later builder changes do not reach the endpoint.
     *
     * @throws NullPointerException          if no codec was set (the message says to call codec(...))
     * @throws IllegalStateException         if both an executor and virtual threads were asked for
     * @throws UnsupportedOperationException if virtual threads were asked for before JDK 21
     */
    EndpointOptions snapshot() {
        JsonCodec checked = JsonCodec.required(codec);
        if (virtualThreads && executor != null) {
            throw new IllegalStateException("executor(...) and virtualThreads(true) both set: the handler executor"
                    + " is either the one given or one of virtual threads, choose one");
        }
        if (virtualThreads && !VirtualThreads.isSupported()) {
            throw new UnsupportedOperationException("virtualThreads(true) needs JDK 21 or later; this is JDK "
                    + Runtime.version() + ": remove virtualThreads(true) or run on JDK 21+");
        }
        EndpointOptions s = new EndpointOptions(checked);
        s.json = checked;
        s.limits = limits;
        s.maxFrameLength = maxFrameLength;
        s.idleTimeout = idleTimeout;
        s.keepAlive = keepAlive;
        s.connectTimeout = connectTimeout;
        s.closeTimeout = closeTimeout;
        s.ioThreads = ioThreads;
        s.executor = executor;
        s.virtualThreads = virtualThreads;
        s.onError = onError;
        s.ssl = ssl;
        return s;
    }

    /** The codec of a snapshot. */
    JsonCodec codec() {
        return Objects.requireNonNull(json, "not a snapshot");
    }

    /** The I/O threads of an endpoint that binds: those set, or {@code byDefault}. */
    int ioThreads(int byDefault) {
        return ioThreads != null ? ioThreads : byDefault;
    }

    /** The transport configuration of a snapshot, with the given system ({@code $}) types. */
    TransportConfig config(Map<String, Class<?>> systemTypes) {
        return config(systemTypes, null);
    }

    /**
     * The transport configuration of a snapshot, with the given system ({@code $}) types and,
     * on a server that serves RPC services, {@code rpc} (null if none) to bind calls' arguments.
     */
    TransportConfig config(Map<String, Class<?>> systemTypes, ServiceRegistry rpc) {
        PayloadTypes types = rpc != null ? codec().types(rpc) : codec().types();
        return new TransportConfig(new EnvelopeCodec(types, maxFrameLength, systemTypes), idleTimeout,
                keepAlive != null ? keepAlive : TransportConfig.defaultKeepAlive(idleTimeout), limits, ssl);
    }

    static int checkFrameLength(int maxFrameLength) {
        return Checks.inRange(maxFrameLength, MIN_FRAME_LENGTH, MAX_FRAME_LENGTH, "maxFrameLength");
    }

    // ---- the handler executor

    /**
     * A handler executor owned by the endpoint, or null when the user gave one: virtual threads
     * if asked for, else a pool of platform threads named {@code strand-net-<role>-*}.
     */
    OwnedExecutor newOwnedExecutor(String role) {
        if (executor != null) {
            return null;
        }
        return virtualThreads ? new VirtualThreadExecutor(role) : NetServer.newHandlerPool(role);
    }

    /** A new thread of the endpoint's own, virtual when asked for; not started. */
    Thread newThread(String name, Runnable task) {
        return virtualThreads ? VirtualThreads.unstarted(name, task) : new Thread(task, name);
    }

    // ---- errors

    /** Reports to the error listener; a listener that throws does not disturb the caller. */
    void report(SocketAddress remote, Throwable error) {
        report(onError, remote, error);
    }

    /** Reports to {@code listener}; a listener that throws is logged and otherwise ignored. */
    static void report(ErrorListener listener, SocketAddress remote, Throwable error) {
        try {
            listener.onError(remote, error);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "strand-net: error listener threw", e);
        }
    }

    // ---- connect

    static InetSocketAddress inet(SocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (!(address instanceof InetSocketAddress inet)) {
            throw new IllegalArgumentException("address must be an InetSocketAddress: " + address);
        }
        return inet;
    }

    /**
     * Starts one framed connection to {@code address} on {@code group}; the future completes
     * once TCP (and TLS) is up. Every endpoint that connects opens its sockets here, the first
     * time and on every reconnect.
     */
    CompletableFuture<FramedConnection> open(InetSocketAddress address, EventLoopGroup group,
                                             Function<FramedConnection, FramedConnection.Listener> listeners,
                                             TransportConfig config) {
        return ClientTransport.connect(group, address, config, listeners, connectTimeout);
    }

    /**
     * Waits for a connect attempt, the one wait of every endpoint's {@code connect(address)}:
     * up to the connect timeout (plus a second for the transport's own timer to fire first).
     * On any failure {@code cleanUp} runs, a connection that opens too late is handed to
     * {@code closeLate}, and nothing is left open.
     *
     * @throws NetException         "cannot connect to ...", with the cause
     * @throws InterruptedException if interrupted (the interrupt status is restored)
     */
    <T> T awaitConnect(SocketAddress address, CompletableFuture<T> attempt, Consumer<? super T> closeLate,
                       Runnable cleanUp) throws InterruptedException {
        try {
            return attempt.get(connectTimeout.toNanos() + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            cleanUp.run();
            Throwable cause = e.getCause();
            throw new NetException("cannot connect to " + address + ": " + cause.getMessage(),
                    cause.getCause() != null ? cause.getCause() : cause);
        } catch (TimeoutException e) {
            attempt.thenAccept(closeLate);
            cleanUp.run();
            throw new NetException("cannot connect to " + address + ": timed out after " + connectTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempt.thenAccept(closeLate);
            cleanUp.run();
            throw e;
        }
    }

    /**
     * Connects one framed connection of a pattern endpoint on the shared client group; on any
     * failure the group reference is released and nothing is left open.
     */
    FramedConnection connect(SocketAddress address, EventLoopGroup group,
                             Function<FramedConnection, FramedConnection.Listener> listeners)
            throws InterruptedException {
        InetSocketAddress inet = inet(address);
        return awaitConnect(address, open(inet, group, listeners, config(PatternMessages.TYPES)),
                FramedConnection::close, () -> EventLoops.releaseClientGroup(group, closeTimeout));
    }

    // ---- close

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
    static void awaitUntil(Future<?> f, long deadline) {
        try {
            f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            // the endpoint closes regardless
        }
    }

    /**
     * Runs {@code task} on {@code executor}, or not at all once the executor shut down (the
     * endpoint closed: the task's bookkeeping no longer matters).
     */
    static void runOn(Executor executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }
}
