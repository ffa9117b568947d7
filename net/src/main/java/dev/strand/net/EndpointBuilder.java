package dev.strand.net;

import dev.strand.core.internal.Checks;
import dev.strand.net.transport.TransportConfig;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The options every endpoint shares, declared once: codec, TLS, limits, frame length, idle
 * timeout, keepalive, connect and close timeouts, I/O threads, handler executor, virtual
 * threads and the error listener. Every endpoint's builder extends it:
 * {@link NetServer.Builder}, {@link NetClient.Builder}, and the builders of {@link Net}
 * ({@link Publisher.Builder}, {@link Subscriber.Builder}, {@link Pusher.Builder},
 * {@link Puller.Builder}, {@link ChannelServer.Builder}, {@link ChannelClient.Builder}). Its
 * own options sit beside these, and one call starts the endpoint: {@code bind(address)} for an
 * endpoint that listens, {@code connect(address)} for one that connects.
 *
 * <pre>{@code
 * NetServer server = NetServer.builder().codec(codec)
 *         .idleTimeout(Duration.ofSeconds(30))
 *         .onRequest(Hello.class, (conn, req) -> new Greeting("Hello, " + req.name() + "!"))
 *         .bind(new InetSocketAddress("127.0.0.1", 0));
 * Subscriber sub = Net.subscriber(codec).connectTimeout(Duration.ofSeconds(2))
 *         .connect(new InetSocketAddress("127.0.0.1", publisherPort));
 * }</pre>
 *
 * <p>Each setter checks its argument at once and throws {@link NullPointerException} naming a
 * null parameter or {@link IllegalArgumentException} naming an out-of-range one. A builder
 * mutates in place and returns itself; the start call takes an immutable snapshot, so changing
 * the builder afterwards does not change a started endpoint. Not thread-safe.
 *
 * @param <B> the concrete builder type, returned by every setter
 */
public abstract class EndpointBuilder<B extends EndpointBuilder<B>> {

    /** The shared options; the start call reads a snapshot of them. */
    final EndpointOptions options;
    private final boolean serverSide;

    /**
     * @param codec      the codec, or null when the user sets it with {@link #codec}
     * @param serverSide whether the endpoint listens (it then needs a server TLS context)
     */
    EndpointBuilder(Codec codec, boolean serverSide) {
        this.options = new EndpointOptions(codec);
        this.serverSide = serverSide;
    }

    /** This builder as its concrete type, for the setters to return. */
    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    /**
     * Sets the codec, the registry of message types; required (the start call of a builder
     * without one throws {@link NullPointerException} saying to call {@code codec(...)}). Both
     * ends must register the same names for the same message shapes.
     *
     * @param codec a {@link JsonCodec}; not null
     * @return this builder
     */
    public B codec(Codec codec) {
        options.codec = Objects.requireNonNull(codec, "codec");
        return self();
    }

    /**
     * Sets the limits: connections accepted (by an endpoint that listens), requests in flight
     * per connection, bytes queued for writing per connection, partial frames. Default
     * {@link Limits#defaults()}.
     *
     * @param limits not null
     * @return this builder
     */
    public B limits(Limits limits) {
        options.limits = Objects.requireNonNull(limits, "limits");
        return self();
    }

    /**
     * Sets the longest frame body written or read (default 1 MiB). A longer incoming frame
     * closes its connection before its body is buffered; a longer outgoing message fails its
     * send with {@link FrameTooLargeException}.
     *
     * @param maxFrameLength from 64 bytes to 1 GiB
     * @return this builder
     * @throws IllegalArgumentException if out of that range
     */
    public B maxFrameLength(int maxFrameLength) {
        options.maxFrameLength = EndpointOptions.checkFrameLength(maxFrameLength);
        return self();
    }

    /**
     * Uses TLS with the given context: a server context (made with
     * {@code SslContextBuilder.forServer(...)}) on an endpoint that listens, a client context
     * ({@code SslContextBuilder.forClient()}) on one that connects, where the peer's certificate
     * is checked against the host name connected to. Default plain TCP.
     *
     * @param sslContext a context of this endpoint's side; not null
     * @return this builder
     * @throws IllegalArgumentException if the context is of the other side
     */
    public B tls(SslContext sslContext) {
        options.ssl = TransportConfig.requireTlsSide(sslContext, serverSide);
        return self();
    }

    /**
     * Sets how long a peer may send nothing (not even its keepalive) before its connection is
     * closed (default 60 s; {@link Duration#ZERO} disables it).
     *
     * @param idleTimeout not negative
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public B idleTimeout(Duration idleTimeout) {
        options.idleTimeout = Checks.nonNegative(idleTimeout, "idleTimeout");
        return self();
    }

    /**
     * Sets how long this endpoint may write nothing to a connection before it sends a keepalive
     * ping, which keeps the peer's idle timeout from closing a quiet connection (default a third
     * of the idle timeout, or 20 s when that is disabled; {@link Duration#ZERO} sends no ping).
     *
     * @param keepAlive not negative
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public B keepAlive(Duration keepAlive) {
        options.keepAlive = Checks.nonNegative(keepAlive, "keepAlive");
        return self();
    }

    /**
     * Sets how long {@code connect(address)} waits for the connection, TLS handshake included
     * (default 10 s); a client that reconnects uses it for every attempt. Unused by an endpoint
     * that listens.
     *
     * @param connectTimeout positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public B connectTimeout(Duration connectTimeout) {
        options.connectTimeout = Checks.positive(connectTimeout, "connectTimeout");
        return self();
    }

    /**
     * Sets how long {@code close()} waits for in-flight work (requests being handled, written
     * frames being flushed) and for the endpoint's threads to end (default 10 s). Called on one
     * of the endpoint's own threads, {@code close()} never waits.
     *
     * @param closeTimeout not negative
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public B closeTimeout(Duration closeTimeout) {
        options.closeTimeout = Checks.nonNegative(closeTimeout, "closeTimeout");
        return self();
    }

    /**
     * Sets the number of I/O threads of a {@link NetServer} (default: the processors, at most 8)
     * or a {@link Publisher} (default 1). Unused by a {@link Pusher} and a
     * {@link ChannelServer}, which keep their state on one I/O thread, and by the endpoints that
     * connect, which share the process's client I/O threads.
     *
     * @param ioThreads at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code ioThreads < 1}
     */
    public B ioThreads(int ioThreads) {
        options.ioThreads = Checks.positive(ioThreads, "ioThreads");
        return self();
    }

    /**
     * Sets the executor the handlers of a {@link NetServer} or a {@link NetClient} connection
     * run on ({@code onMessage}, {@code onRequest}, served RPC methods); the caller keeps
     * ownership (the endpoint does not shut it down). Default: a pool owned by the endpoint
     * ({@code strand-net-handler-*}, twice the processors, at least 4 threads), or virtual
     * threads with {@link #virtualThreads(boolean)}. Unused by the pattern endpoints, which run
     * no handlers on an executor: a {@link Subscriber} calls its handlers on its own dispatch
     * thread, the others call only listeners, on their I/O threads.
     *
     * @param executor not null
     * @return this builder
     */
    public B executor(Executor executor) {
        options.executor = Objects.requireNonNull(executor, "executor");
        return self();
    }

    /**
     * Runs handlers on virtual threads, one per task, instead of a pool of platform threads
     * (default false): the handler executor of a {@link NetServer} or {@link NetClient}
     * connection, and a {@link Subscriber}'s dispatch thread. A handler that blocks then holds
     * no platform thread. Needs JDK 21 or later: on an older JDK the start call
     * ({@code bind} or {@code connect}) throws {@link UnsupportedOperationException}. Cannot
     * be combined with {@link #executor(Executor)}: the start call then throws
     * {@link IllegalStateException}.
     *
     * @param virtualThreads whether handlers run on virtual threads
     * @return this builder
     */
    public B virtualThreads(boolean virtualThreads) {
        options.virtualThreads = virtualThreads;
        return self();
    }

    /**
     * Sets the listener told about failures no caller sees: connections lost, frames refused,
     * connections refused for a limit, handlers of fire-and-forget messages that threw, slow
     * subscribers disconnected. See {@link ErrorListener} for the threads it runs on; it must
     * not block, and one that throws is logged and ignored. Default: log expected events (a
     * peer gone, a TLS handshake refused) at DEBUG without a stack trace, others at WARNING.
     *
     * @param onError not null
     * @return this builder
     */
    public B onError(ErrorListener onError) {
        options.onError = Objects.requireNonNull(onError, "onError");
        return self();
    }
}
