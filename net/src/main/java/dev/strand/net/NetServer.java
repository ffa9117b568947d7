package dev.strand.net;

import dev.strand.core.Ticker;
import dev.strand.net.transport.EventLoops;
import dev.strand.net.transport.FramedConnection;
import dev.strand.net.transport.ServerTransport;
import dev.strand.net.transport.TrackedThreadFactory;
import dev.strand.net.transport.TransportConfig;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A TCP server speaking Strand's framed JSON protocol ({@code docs/PROTOCOL.md}): it accepts
 * connections, hands each fire-and-forget message to a {@link MessageHandler} and answers each
 * request with the reply of a {@link RequestHandler}.
 *
 * <pre>{@code
 * NetServer server = NetServer.builder()
 *         .codec(codec)
 *         .onMessage((conn, msg) -> System.out.println("got " + msg))
 *         .onRequest(Hello.class, (conn, req) -> new Greeting("Hello, " + req.name() + "!"))
 *         .bind(new InetSocketAddress("127.0.0.1", 0));
 * int port = server.port();
 * ...
 * server.close();   // graceful: in-flight requests are answered first
 * }</pre>
 *
 * <h2>Threads</h2>
 * I/O runs on the server's own event loops ({@code strand-net-server-*}, epoll on Linux, NIO
 * elsewhere). Handlers run on the handler executor, never on an I/O thread, so they may block:
 * by default a pool owned by the server ({@code strand-net-handler-*}, twice the processors,
 * at least 4 threads), virtual threads ({@link EndpointBuilder#virtualThreads}), or the executor
 * given to {@link EndpointBuilder#executor}. Messages from one connection are handled in
 * arrival order; requests concurrently. The pool is shared fairly: one connection runs at most
 * {@link Limits#maxHandlersPerConnection()} handlers at once (by default half the pool), and
 * requests waiting for a thread are served round robin across connections, so slow or hung
 * handlers of one client do not starve the others. The {@code onConnect} callback runs on an
 * I/O thread and must not block. The error listener ({@link ErrorListener}) gets the peer's
 * address, null for a connection refused by {@link Limits#maxConnections()}.
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
    private final OwnedExecutor ownedExecutor;
    private final Duration closeTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NetServer(Builder b, SocketAddress address) {
        EndpointOptions options = b.options.snapshot();
        Handlers.requireKnown(options.codec(), b.messages, b.requests);
        this.closeTimeout = options.closeTimeout;
        this.ownedExecutor = options.newOwnedExecutor("handler");
        Executor executor = options.executor != null ? options.executor : ownedExecutor;
        // 0: unbounded or unknown (virtual threads, or the user's executor)
        int threads = ownedExecutor instanceof HandlerPool pool ? pool.getMaximumPoolSize() : 0;
        this.handlers = new Handlers(b.anyMessage, b.messages, b.requests,
                FairExecutor.forServer(executor, threads, options.limits.maxHandlersPerConnection()), options.onError);
        TransportConfig config = options.config(Map.of(), b.rpc);
        Limits limits = options.limits;
        Consumer<Connection> onConnect = b.onConnect;
        try {
            this.transport = ServerTransport.bind(address, config, options.ioThreads(EventLoops.defaultIoThreads()),
                    "server", framed -> new RpcConnection(framed, handlers, limits, null, onConnect, null),
                    rejected -> handlers.report(null, rejected));
        } catch (RuntimeException e) {
            if (ownedExecutor != null) {
                ownedExecutor.abort();
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
    static final class HandlerPool extends ThreadPoolExecutor implements OwnedExecutor {

        private final TrackedThreadFactory factory;

        HandlerPool(int threads, TrackedThreadFactory factory) {
            super(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
            this.factory = factory;
        }

        @Override
        public boolean owns() {
            return factory.made(Thread.currentThread());
        }

        /** Shuts down, lets queued tasks finish for up to {@code timeout}, then interrupts what is left. */
        @Override
        public boolean close(Duration timeout) {
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

        @Override
        public void abort() {
            shutdownNow();
        }
    }

    /**
     * Returns a new builder; set the codec and the handlers, then {@link Builder#bind bind}.
     *
     * @return a builder with the defaults
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
     * Configures and starts a {@link NetServer}; not thread-safe. Only
     * {@link #codec codec(...)} is required; {@link #bind} starts the server. The options every
     * endpoint shares are those of {@link EndpointBuilder}.
     */
    public static final class Builder extends HandlerBuilder<Builder> {

        private ServiceRegistry rpc;

        private Builder() {
            super(true);
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
         * Binds {@code address} and starts the server: it accepts connections from this call
         * on. The builder may be changed and bound again afterwards: each call starts a new
         * server with the options set at that moment.
         *
         * @param address the local address; port 0 picks a free one; an
         *                {@link InetSocketAddress}, not null
         * @return the running server; the caller must close it
         * @throws NullPointerException          if {@code address} is null, or no codec was set
         * @throws IllegalArgumentException      if a handler's type is not registered with the codec
         * @throws IllegalStateException         if both {@code executor} and {@code virtualThreads(true)} were set
         * @throws UnsupportedOperationException if {@code virtualThreads(true)} was set before JDK 21
         * @throws NetException                  if the address cannot be bound
         */
        public NetServer bind(SocketAddress address) {
            Objects.requireNonNull(address, "address");
            return new NetServer(this, address);
        }
    }
}
