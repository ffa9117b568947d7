package dev.strand.net;

import dev.strand.core.internal.Checks;
import dev.strand.net.transport.EnvelopeCodec;
import dev.strand.net.transport.EventLoops;
import dev.strand.net.transport.TransportConfig;
import dev.strand.resilience.Backoff;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
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
 * pool owned by the connection ({@code strand-net-client-handler-*}) unless an executor is
 * given.
 *
 * <p>Immutable and thread-safe once built; {@link #connect} may be called any number of times.
 */
public final class NetClient {

    /** Default time {@code connect} waits for the TCP (and TLS) handshake. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final TransportConfig config;
    private final IntFunction<Duration> delays;
    private final Duration connectTimeout;
    private final Duration closeTimeout;
    private final Consumer<Connection> onConnect;
    private final MessageHandler<Object> anyMessage;
    private final Map<Class<?>, MessageHandler<Object>> messages;
    private final Map<Class<?>, RequestHandler<Object, Object>> requests;
    private final BiConsumer<Connection, Throwable> onError;
    private final Executor executor;

    private NetClient(Builder b) {
        JsonCodec json = JsonCodec.required(b.codec);
        Handlers.requireKnown(json, b.messages, b.requests);
        Duration keepAlive = b.keepAlive != null ? b.keepAlive : TransportConfig.defaultKeepAlive(b.idleTimeout);
        this.config = new TransportConfig(new EnvelopeCodec(json.types(), b.maxFrameLength, Map.of()), b.idleTimeout,
                keepAlive, b.limits, b.ssl);
        this.delays = b.delays;
        this.connectTimeout = b.connectTimeout;
        this.closeTimeout = b.closeTimeout;
        this.onConnect = b.onConnect;
        this.anyMessage = b.anyMessage;
        this.messages = Map.copyOf(b.messages);
        this.requests = Map.copyOf(b.requests);
        this.onError = b.onError;
        this.executor = b.executor;
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

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration closeTimeout() {
        return closeTimeout;
    }

    Consumer<Connection> onConnect() {
        return onConnect;
    }

    /**
     * Connects to {@code address}, waiting for the TCP (and TLS) handshake.
     *
     * @param address the server's address; not null
     * @return the open connection; the caller must close it
     * @throws NullPointerException if {@code address} is null
     * @throws NetException         if the connection cannot be established (the cause says why)
     * @throws InterruptedException if interrupted while waiting (nothing is left open)
     */
    public Connection connect(SocketAddress address) throws InterruptedException {
        Objects.requireNonNull(address, "address");
        if (!(address instanceof InetSocketAddress inet)) {
            throw new IllegalArgumentException("address must be an InetSocketAddress: " + address);
        }
        boolean needsPool = executor == null && (anyMessage != null || !messages.isEmpty() || !requests.isEmpty());
        NetServer.HandlerPool owned = needsPool ? NetServer.newHandlerPool("client-handler") : null;
        Executor handlerExecutor = executor != null ? executor : owned != null ? owned : Runnable::run;
        Handlers handlers = new Handlers(anyMessage, messages, requests, handlerExecutor, onError);
        EventLoopGroup group = EventLoops.acquireClientGroup();
        ClientConnection connection = new ClientConnection(this, inet, group, handlers, owned);
        try {
            connection.open().get(connectTimeout.toNanos() + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
            return connection;
        } catch (ExecutionException e) {
            connection.close();
            Throwable cause = e.getCause();
            throw new NetException("cannot connect to " + address + ": " + cause.getMessage(),
                    cause.getCause() != null ? cause.getCause() : cause);
        } catch (TimeoutException e) {
            connection.close();
            throw new NetException("cannot connect to " + address + ": timed out after " + connectTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.close();
            throw e;
        }
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

    /** Configures a {@link NetClient}; not thread-safe. Only {@link #codec} is required. */
    public static final class Builder {

        private Codec codec;
        private IntFunction<Duration> delays;
        private Limits limits = Limits.defaults();
        private SslContext ssl;
        private int maxFrameLength = TransportConfig.DEFAULT_MAX_FRAME_LENGTH;
        private Duration idleTimeout = TransportConfig.DEFAULT_IDLE_TIMEOUT;
        private Duration keepAlive;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration closeTimeout = NetServer.DEFAULT_CLOSE_TIMEOUT;
        private Consumer<Connection> onConnect;
        private MessageHandler<Object> anyMessage;
        private final Map<Class<?>, MessageHandler<Object>> messages = new HashMap<>();
        private final Map<Class<?>, RequestHandler<Object, Object>> requests = new HashMap<>();
        private BiConsumer<Connection, Throwable> onError = Handlers.LOG_ERRORS;
        private Executor executor;

        private Builder() {
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
         * Sets the limits (default {@link Limits#defaults()}); {@code maxConnections} does not
         * apply to a client.
         *
         * @param limits not null
         * @return this builder
         */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Connects with TLS using the given client context (made with
         * {@code SslContextBuilder.forClient()}); the server's certificate is checked against
         * the host name connected to. Default plain TCP.
         *
         * @param sslContext a client-side context; not null
         * @return this builder
         * @throws IllegalArgumentException if it is a server context
         */
        public Builder tls(SslContext sslContext) {
            this.ssl = TransportConfig.requireTlsSide(sslContext, false);
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
            this.maxFrameLength = NetServer.checkFrameLength(maxFrameLength);
            return this;
        }

        /**
         * Sets how long the server may send nothing (not even a keepalive) before the
         * connection is considered dead and closed (default 60 s; {@link Duration#ZERO}
         * disables it).
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
         * Sets how long the client may write nothing before it sends a keepalive ping (default a
         * third of the idle timeout; {@link Duration#ZERO} disables it).
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
         * Sets how long a connect waits for the TCP and TLS handshakes (default 10 s).
         *
         * @param connectTimeout positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder connectTimeout(Duration connectTimeout) {
            Checks.nonNegative(connectTimeout, "connectTimeout");
            if (connectTimeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be positive");
            }
            this.connectTimeout = connectTimeout;
            return this;
        }

        /**
         * Sets how long {@link Connection#close()} waits for sent frames to be written and
         * threads to stop (default 10 s).
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
         * Sets a callback run after each successful connect and reconnect, on an I/O thread;
         * it must not block.
         *
         * @param onConnect not null
         * @return this builder
         */
        public Builder onConnect(Consumer<Connection> onConnect) {
            this.onConnect = Objects.requireNonNull(onConnect, "onConnect");
            return this;
        }

        /**
         * Sets the handler of messages the server sends to this client without a
         * type-specific handler.
         *
         * @param handler not null
         * @return this builder
         */
        public Builder onMessage(MessageHandler<Object> handler) {
            this.anyMessage = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Sets the handler of messages of {@code type} the server sends to this client.
         *
         * @param type    a registered type; not null
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
         * Sets the handler of requests of {@code type} the server makes of this client.
         *
         * @param type    a registered type; not null
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
         * Sets the error listener (default: a warning in the platform log); see
         * {@link NetServer.Builder#onError}.
         *
         * @param onError not null
         * @return this builder
         */
        public Builder onError(BiConsumer<Connection, Throwable> onError) {
            this.onError = Objects.requireNonNull(onError, "onError");
            return this;
        }

        /**
         * Sets the executor client-side handlers run on; the caller keeps ownership.
         *
         * @param executor not null
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Returns a client with this configuration, to connect any number of times.
         *
         * @return the client
         * @throws NullPointerException     if no codec was set
         * @throws IllegalArgumentException if the codec is not a {@link JsonCodec}
         */
        public NetClient build() {
            return new NetClient(this);
        }

        /**
         * Builds the client and connects: {@code build().connect(address)}.
         *
         * @param address the server's address; not null
         * @return the open connection; the caller must close it
         * @throws NetException         if the connection cannot be established
         * @throws InterruptedException if interrupted while waiting
         */
        public Connection connect(SocketAddress address) throws InterruptedException {
            return build().connect(address);
        }
    }
}
