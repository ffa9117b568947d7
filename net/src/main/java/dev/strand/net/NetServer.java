package dev.strand.net;

import dev.strand.core.internal.Checks;
import dev.strand.core.Ticker;
import dev.strand.net.transport.EnvelopeCodec;
import dev.strand.net.transport.EventLoops;
import dev.strand.net.transport.FramedConnection;
import dev.strand.net.transport.ServerTransport;
import dev.strand.net.transport.TrackedThreadFactory;
import dev.strand.net.transport.TransportConfig;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A TCP server speaking Strand's framed JSON protocol ({@code docs/PROTOCOL.md}): it accepts
 * connections, hands each fire-and-forget message to a {@link MessageHandler} and answers each
 * request with the reply of a {@link RequestHandler}.
 *
 * <pre>{@code
 * NetServer server = NetServer.builder()
 *         .bind(new InetSocketAddress("127.0.0.1", 0))
 *         .codec(codec)
 *         .onMessage((conn, msg) -> System.out.println("got " + msg))
 *         .onRequest(Hello.class, (conn, req) -> new Greeting("Hello, " + req.name() + "!"))
 *         .start();
 * int port = server.port();
 * ...
 * server.close();   // graceful: in-flight requests are answered first
 * }</pre>
 *
 * <h2>Threads</h2>
 * I/O runs on the server's own event loops ({@code strand-net-server-*}, epoll on Linux, NIO
 * elsewhere). Handlers run on the handler executor, never on an I/O thread, so they may block:
 * by default a pool owned by the server ({@code strand-net-handler-*}, twice the processors,
 * at least 4 threads), or the executor given to {@link Builder#executor}. Messages from one
 * connection are handled in arrival order; requests concurrently. The pool is shared fairly:
 * one connection runs at most {@link Limits#maxHandlersPerConnection()} handlers at once
 * (by default half the pool), and requests waiting for a thread are served round robin
 * across connections, so slow or hung handlers of one client do not starve the others. The {@code onConnect}
 * callback runs on an I/O thread and must not block.
 *
 * <h2>Bad input</h2>
 * A frame longer than {@code maxFrameLength} is refused from its length prefix alone and its
 * connection closed with {@link FrameTooLargeException} reported to the error listener; a
 * request that does not decode is answered with an error reply; any other undecodable frame
 * closes its connection with {@link ProtocolException}. A peer that sends nothing (not even
 * the client's keepalive) for {@code idleTimeout} is disconnected. None of this affects other
 * connections.
 *
 * <p>Thread-safe.
 */
public final class NetServer implements AutoCloseable {

    /** Close timeouts are measured on the system ticker (they bound waits, nothing is scheduled by them). */
    private static final Ticker TICKER = Ticker.system();

    /** Default time {@link #close()} waits for in-flight requests and for threads to stop. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final ServerTransport transport;
    private final Handlers handlers;
    private final HandlerPool ownedExecutor;
    private final Duration closeTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NetServer(Builder b) {
        JsonCodec json = JsonCodec.required(b.codec);
        Handlers.requireKnown(json, b.messages, b.requests);
        this.closeTimeout = b.closeTimeout;
        this.ownedExecutor = b.executor == null ? newHandlerPool("handler") : null;
        Executor executor = b.executor != null ? b.executor : ownedExecutor;
        int threads = ownedExecutor != null ? ownedExecutor.getMaximumPoolSize() : 0; // 0: the user's, size unknown
        this.handlers = new Handlers(b.anyMessage, b.messages, b.requests,
                FairExecutor.forServer(executor, threads, b.limits.maxHandlersPerConnection()), b.onError);
        Duration keepAlive = b.keepAlive != null ? b.keepAlive : TransportConfig.defaultKeepAlive(b.idleTimeout);
        TransportConfig config = new TransportConfig(new EnvelopeCodec(json.types(), b.maxFrameLength, Map.of()),
                b.idleTimeout, keepAlive, b.limits, b.ssl);
        Consumer<Connection> onConnect = b.onConnect;
        try {
            this.transport = ServerTransport.bind(b.address, config, b.ioThreads, "server",
                    framed -> new RpcConnection(framed, handlers, b.limits, null, onConnect, null),
                    rejected -> handlers.report(null, rejected));
        } catch (RuntimeException e) {
            if (ownedExecutor != null) {
                ownedExecutor.shutdownNow();
            }
            throw e;
        }
    }

    /** A pool for blocking handlers: its threads start on demand and end after a minute idle. */
    static HandlerPool newHandlerPool(String role) {
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        TrackedThreadFactory factory = new TrackedThreadFactory(role);
        HandlerPool pool = new HandlerPool(threads, factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The default handler executor, whose shutdown waits for its threads to end. */
    static final class HandlerPool extends ThreadPoolExecutor {

        private final TrackedThreadFactory factory;

        HandlerPool(int threads, TrackedThreadFactory factory) {
            super(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
            this.factory = factory;
        }

        /** Whether the calling thread is one of this pool's. */
        boolean owns() {
            return factory.made(Thread.currentThread());
        }

        /**
         * Shuts down, lets queued tasks finish for up to {@code timeout}, then interrupts what
         * is left and waits for every thread to end.
         *
         * @return false if interrupted (the interrupt status is restored)
         */
        boolean close(Duration timeout) {
            shutdown();
            if (factory.made(Thread.currentThread())) {
                return true; // closed from one of its own tasks: waiting for itself would deadlock
            }
            try {
                if (!awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                shutdownNow();
                return false;
            }
            return factory.join(timeout.isZero() ? Duration.ZERO : Duration.ofSeconds(5));
        }
    }

    /**
     * Returns a new builder.
     *
     * @return a builder bound by default to {@code 127.0.0.1}, any free port
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the port the server listens on (useful after binding port 0).
     *
     * @return the local port
     */
    public int port() {
        return transport.localAddress().getPort();
    }

    /**
     * Returns the address the server listens on.
     *
     * @return the bound address
     */
    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    /**
     * Returns how many connections are open now.
     *
     * @return the count, an instant snapshot
     */
    public int connectionCount() {
        return transport.connectionCount();
    }

    /**
     * Closes the server gracefully: it stops accepting, answers new requests on open connections
     * with a {@code shutting-down} error, waits (up to the close timeout) for the requests
     * already being handled to be answered, closes every connection once its replies are
     * written, then stops its handler pool and event loops and waits for their threads to end.
     * Idempotent; a second call returns at once.
     *
     * <p>Called from one of this server's own threads (a handler or an I/O thread), it cannot
     * wait for that thread: it then closes at once (no graceful wait for the handlers) and
     * returns without waiting for the threads of the group the caller belongs to (the handler
     * pool, or the I/O event loops); those threads, the caller included, end once their
     * current task returns, since their pool or group is already shut down. Threads of the
     * other group are waited for as usual. A later call from any thread returns at once and
     * waits for nothing.
     *
     * <p>If interrupted while waiting, it closes at once and restores the interrupt status.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean interrupted = false;
        // From a handler or an I/O thread of this server, waiting would wait for the caller
        // itself: close without waiting instead.
        boolean ownThread = transport.onOwnThread() || (ownedExecutor != null && ownedExecutor.owns());
        long deadline = TICKER.nanoTime() + (ownThread ? 0 : closeTimeout.toNanos());
        transport.stopAccepting();
        try {
            handlers.drain().get(remaining(deadline), TimeUnit.NANOSECONDS);
            transport.closeConnections();
            for (FramedConnection c : transport.connections()) {
                c.closeFuture().get(remaining(deadline), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // every wait below now returns at once
            interrupted = true;
        } catch (ExecutionException | TimeoutException e) {
            // Handlers overran the close timeout: close what is left at once.
        }
        if (ownedExecutor != null
                && !ownedExecutor.close(interrupted ? Duration.ZERO : Duration.ofNanos(remaining(deadline)))) {
            interrupted = true;
        }
        transport.shutDown(interrupted ? Duration.ZERO : Duration.ofNanos(Math.max(remaining(deadline),
                TimeUnit.SECONDS.toNanos(1))));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - TICKER.nanoTime());
    }

    @Override
    public String toString() {
        return "NetServer[" + transport.localAddress() + "]";
    }

    /**
     * Configures and starts a {@link NetServer}; not thread-safe. Only {@link #codec} is
     * required.
     */
    public static final class Builder {

        private SocketAddress address = new InetSocketAddress("127.0.0.1", 0);
        private Codec codec;
        private MessageHandler<Object> anyMessage;
        private final Map<Class<?>, MessageHandler<Object>> messages = new HashMap<>();
        private final Map<Class<?>, RequestHandler<Object, Object>> requests = new HashMap<>();
        private Consumer<Connection> onConnect;
        private BiConsumer<Connection, Throwable> onError = Handlers.LOG_ERRORS;
        private int maxFrameLength = TransportConfig.DEFAULT_MAX_FRAME_LENGTH;
        private Duration idleTimeout = TransportConfig.DEFAULT_IDLE_TIMEOUT;
        private Duration keepAlive;
        private Limits limits = Limits.defaults();
        private SslContext ssl;
        private Executor executor;
        private int ioThreads = EventLoops.defaultIoThreads();
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private ServiceRegistry rpc;

        private Builder() {
        }

        /**
         * Sets the address to listen on (default {@code 127.0.0.1}, port 0 = any free port).
         *
         * @param address not null
         * @return this builder
         */
        public Builder bind(SocketAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * Sets the codec; required.
         *
         * @param codec not null
         * @return this builder
         */
        public Builder codec(Codec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Sets the handler of every fire-and-forget message without a type-specific handler.
         *
         * @param handler not null
         * @return this builder
         */
        public Builder onMessage(MessageHandler<Object> handler) {
            this.anyMessage = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Sets the handler of fire-and-forget messages of {@code type} (and its subtypes).
         *
         * @param type    a registered message type; not null
         * @param handler not null
         * @param <T>     the message type
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public <T> Builder onMessage(Class<T> type, MessageHandler<? super T> handler) {
            Objects.requireNonNull(type, "type");
            Handlers.register(messages, type, (MessageHandler<Object>) Objects.requireNonNull(handler, "handler"),
                    "onMessage");
            return this;
        }

        /**
         * Sets the handler of requests of {@code type} (and its subtypes); its result is the
         * reply.
         *
         * @param type    a registered request type; not null
         * @param handler not null
         * @param <Q>     the request type
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public <Q> Builder onRequest(Class<Q> type, RequestHandler<? super Q, ?> handler) {
            Objects.requireNonNull(type, "type");
            Handlers.register(requests, type,
                    (RequestHandler<Object, Object>) Objects.requireNonNull(handler, "handler"), "onRequest");
            return this;
        }

        /**
         * Serves {@code impl} as the RPC service {@code service} (see {@link Rpc}): calls of
         * its methods run on the handler executor. The codec must include the RPC types
         * ({@link Rpc#register(JsonCodec.Builder)}). Several services may be served.
         *
         * @param service the service interface; not null
         * @param impl    its implementation; not null
         * @param <T>     the service type
         * @return this builder
         * @throws IllegalArgumentException if the interface is unsupported (with the reason),
         *                                  {@code impl} does not implement it, or a service of
         *                                  the same name is already served
         */
        @SuppressWarnings("unchecked")
        public <T> Builder serve(Class<T> service, T impl) {
            if (rpc == null) {
                rpc = new ServiceRegistry();
            }
            rpc.add(service, impl);
            requests.put(Rpc.Call.class, (RequestHandler<Object, Object>) (RequestHandler<?, ?>) rpc);
            messages.put(Rpc.Call.class, (MessageHandler<Object>) (MessageHandler<?>) rpc);
            return this;
        }

        /**
         * Sets a callback told about each accepted connection once it is open; it runs on an
         * I/O thread and must not block.
         *
         * @param onConnect not null
         * @return this builder
         */
        public Builder onConnect(Consumer<Connection> onConnect) {
            this.onConnect = Objects.requireNonNull(onConnect, "onConnect");
            return this;
        }

        /**
         * Sets the error listener: told about refused frames ({@link FrameTooLargeException},
         * {@link ProtocolException}), refused connections ({@link LimitExceededException}, with a
         * null connection), idle disconnections, handler failures of fire-and-forget messages
         * and broken connections. Default: a warning in the platform log. Called on I/O or
         * handler threads; must not block.
         *
         * @param onError not null
         * @return this builder
         */
        public Builder onError(BiConsumer<Connection, Throwable> onError) {
            this.onError = Objects.requireNonNull(onError, "onError");
            return this;
        }

        /**
         * Sets the longest frame body accepted and sent (default 1 MiB).
         *
         * @param maxFrameLength from 64 bytes to 1 GiB
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxFrameLength(int maxFrameLength) {
            this.maxFrameLength = checkFrameLength(maxFrameLength);
            return this;
        }

        /**
         * Sets how long a connection may send nothing before it is closed (default 60 s;
         * {@link Duration#ZERO} disables it). Clients of this module send keepalive pings.
         *
         * @param idleTimeout not negative
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = Checks.nonNegative(idleTimeout, "idleTimeout");
            return this;
        }

        /**
         * Sets how long the server may write nothing to a connection before it sends a ping
         * (default a third of the idle timeout; {@link Duration#ZERO} disables it).
         *
         * @param keepAlive not negative
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder keepAlive(Duration keepAlive) {
            this.keepAlive = Checks.nonNegative(keepAlive, "keepAlive");
            return this;
        }

        /**
         * Sets the limits (default {@link Limits#defaults()}).
         *
         * @param limits not null
         * @return this builder
         */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Serves TLS with the given server context (made with
         * {@code SslContextBuilder.forServer(...)}); default plain TCP.
         *
         * @param sslContext a server-side context; not null
         * @return this builder
         * @throws IllegalArgumentException if it is a client context
         */
        public Builder tls(SslContext sslContext) {
            this.ssl = TransportConfig.requireTlsSide(sslContext, true);
            return this;
        }

        /**
         * Sets the executor handlers run on; the caller keeps ownership (the server does not
         * shut it down). Default: a pool owned by the server.
         *
         * @param executor not null
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Sets the number of I/O threads (default: the processors, at most 8).
         *
         * @param ioThreads at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code ioThreads < 1}
         */
        public Builder ioThreads(int ioThreads) {
            if (ioThreads < 1) {
                throw new IllegalArgumentException("ioThreads must be >= 1: " + ioThreads);
            }
            this.ioThreads = ioThreads;
            return this;
        }

        /**
         * Sets how long {@link NetServer#close()} waits for in-flight requests (default 10 s).
         *
         * @param closeTimeout not negative
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = Checks.nonNegative(closeTimeout, "closeTimeout");
            return this;
        }

        /**
         * Binds and starts the server.
         *
         * @return the running server
         * @throws NullPointerException     if no codec was set
         * @throws IllegalArgumentException if the codec is not a {@link JsonCodec}
         * @throws NetException             if the address cannot be bound
         */
        public NetServer start() {
            return new NetServer(this);
        }
    }

    /** The one bound on {@code maxFrameLength}, for every endpoint: 64 bytes to 1 GiB. */
    static int checkFrameLength(int maxFrameLength) {
        return Checks.inRange(maxFrameLength, 64, 1 << 30, "maxFrameLength");
    }
}
