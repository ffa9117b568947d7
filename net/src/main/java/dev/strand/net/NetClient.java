package dev.strand.net;

import dev.strand.net.transport.EventLoops;
import dev.strand.net.transport.TransportConfig;
import dev.strand.resilience.Backoff;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Opens client {@link Connection}s to a {@link NetServer} (or any peer speaking the protocol of
 * {@code docs/PROTOCOL.md}).
 *
 * <pre>{@code
 * try (Connection conn = NetClient.builder()
 *         .codec(codec)
 *         .reconnect(Backoff.exponential(Duration.ofMillis(100)).maxDelay(Duration.ofSeconds(5)))
 *         .connect(new InetSocketAddress("127.0.0.1", port))) {
 *     Greeting g = conn.request(new Hello("world"), Greeting.class, Duration.ofSeconds(2)).join();
 * }
 * }</pre>
 *
 * <h2>Reconnect</h2>
 * Without a reconnect policy a lost connection stays lost: every later send fails with
 * {@link ConnectionLostException}. With one, the client connects again after
 * {@code backoff.delay(attempt)} for attempt 1, 2, 3, ... until it succeeds or the connection
 * is closed; the {@link Builder#onConnect} callback runs after each success. Requests in flight
 * when the connection drops fail with {@link ConnectionLostException} (at-most-once: the peer
 * may or may not have handled them); sends made while disconnected fail at once the same way.
 * Nothing is queued for later or retried silently. The first connect is not retried: if it
 * fails, {@link Builder#connect} throws.
 *
 * <h2>Threads</h2>
 * All client connections of the process share one group of I/O threads
 * ({@code strand-net-client-*}), started by the first connect and stopped when the last
 * connection closes. Client-side handlers (messages or requests pushed by the server) run on a
 * pool owned by the connection ({@code strand-net-client-handler-*}), on virtual threads
 * ({@link EndpointBuilder#virtualThreads}), or on the executor given
 * ({@link EndpointBuilder#executor}). The error listener ({@link ErrorListener}) gets the
 * server's address.
 *
 * <p>Immutable and thread-safe once built; {@link #connect} may be called any number of times.
 */
public final class NetClient {

    /** Default time {@code connect} waits for the TCP (and TLS) handshake. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final EndpointOptions options;
    private final TransportConfig config;
    private final IntFunction<Duration> delays;
    private final Consumer<Connection> onConnect;
    private final MessageHandler<Object> anyMessage;
    private final Map<Class<?>, MessageHandler<Object>> messages;
    private final Map<Class<?>, RequestHandler<Object, Object>> requests;

    private NetClient(Builder b) {
        this.options = b.options.snapshot();
        Handlers.requireKnown(options.codec(), b.messages, b.requests);
        this.config = options.config(Map.of());
        this.delays = b.delays;
        this.onConnect = b.onConnect;
        this.anyMessage = b.anyMessage;
        this.messages = Map.copyOf(b.messages);
        this.requests = Map.copyOf(b.requests);
    }

    /**
     * Returns a new builder.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    TransportConfig config() {
        return config;
    }

    IntFunction<Duration> delays() {
        return delays;
    }

    EndpointOptions options() {
        return options;
    }

    Duration closeTimeout() {
        return options.closeTimeout;
    }

    Consumer<Connection> onConnect() {
        return onConnect;
    }

    /**
     * Connects to {@code address}, waiting for the TCP (and TLS) handshake.
     *
     * @param address the server's address; an {@link InetSocketAddress}, not null
     * @return the open connection; the caller must close it
     * @throws NullPointerException if {@code address} is null
     * @throws NetException         if the connection cannot be established (the cause says why)
     * @throws InterruptedException if interrupted while waiting (nothing is left open)
     */
    public Connection connect(SocketAddress address) throws InterruptedException {
        InetSocketAddress inet = EndpointOptions.inet(address);
        boolean handles = anyMessage != null || !messages.isEmpty() || !requests.isEmpty();
        OwnedExecutor owned = handles ? options.newOwnedExecutor("client-handler") : null;
        Executor handlerExecutor = options.executor != null ? options.executor : owned != null ? owned : Runnable::run;
        Handlers handlers = new Handlers(anyMessage, messages, requests, handlerExecutor, options.onError);
        EventLoopGroup group = EventLoops.acquireClientGroup();
        ClientConnection connection = new ClientConnection(this, inet, group, handlers, owned);
        options.awaitConnect(address, connection.open(), cc -> { }, connection::close);
        return connection;
    }

    /**
     * Connects to several replicas of one service and returns them as one {@link Connection}:
     * a {@link Cluster} with its defaults (power-of-two-choices balancing, a circuit breaker
     * per endpoint, reconnect with backoff; no request is idempotent). Use
     * {@link Cluster#builder()} to set more.
     *
     * @param addresses the servers; not null, not empty
     * @return the cluster; the caller must close it
     * @throws NetException         if no endpoint could be connected
     * @throws InterruptedException if interrupted while connecting
     */
    public Cluster connect(List<? extends SocketAddress> addresses) throws InterruptedException {
        return Cluster.builder().client(this).connect(addresses);
    }

    /**
     * Configures a {@link NetClient}; not thread-safe. Only {@link #codec codec(...)} is
     * required; {@link #connect} connects, {@link #build} makes a client to connect many times.
     * The options every endpoint shares are those of {@link EndpointBuilder}.
     */
    public static final class Builder extends HandlerBuilder<Builder> {

        private IntFunction<Duration> delays;

        private Builder() {
            super(false);
        }

        /**
         * Re-establishes a lost connection, waiting {@code backoff.delay(attempt, random)}
         * before attempt 1, 2, 3, ... until one succeeds or the connection is closed. Requests
         * in flight when the connection drops fail with {@link ConnectionLostException} and are
         * not retried (at-most-once). Default: no reconnect.
         *
         * @param backoff the delays between attempts; not null
         * @return this builder
         */
        public Builder reconnect(Backoff backoff) {
            Objects.requireNonNull(backoff, "backoff");
            this.delays = attempt -> backoff.delay(attempt, ThreadLocalRandom.current());
            return this;
        }

        /** Reconnect with explicit delays per attempt (1-based). */
        Builder reconnectDelays(IntFunction<Duration> delays) {
            this.delays = Objects.requireNonNull(delays, "delays");
            return this;
        }

        /**
         * Returns a client with this configuration, to connect any number of times.
         *
         * @return the client
         * @throws NullPointerException          if no codec was set
         * @throws IllegalArgumentException      if a handler's type is not registered with the codec
         * @throws IllegalStateException         if both {@code executor} and {@code virtualThreads(true)} were set
         * @throws UnsupportedOperationException if {@code virtualThreads(true)} was set before JDK 21
         */
        public NetClient build() {
            return new NetClient(this);
        }

        /**
         * Builds the client and connects: {@code build().connect(address)}.
         *
         * @param address the server's address; an {@link InetSocketAddress}, not null
         * @return the open connection; the caller must close it
         * @throws NullPointerException          if {@code address} is null, or no codec was set
         * @throws IllegalArgumentException      if a handler's type is not registered with the codec
         * @throws IllegalStateException         if both {@code executor} and {@code virtualThreads(true)} were set
         * @throws UnsupportedOperationException if {@code virtualThreads(true)} was set before JDK 21
         * @throws NetException                  if the connection cannot be established
         * @throws InterruptedException          if interrupted while waiting
         */
        public Connection connect(SocketAddress address) throws InterruptedException {
            Objects.requireNonNull(address, "address");
            return build().connect(address);
        }
    }
}
