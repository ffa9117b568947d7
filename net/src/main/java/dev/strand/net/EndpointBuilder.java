package dev.strand.net;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The options every messaging-pattern endpoint shares, declared once: limits, frame length,
 * TLS, idle timeout, connect and close timeouts, and the error listener. Every builder of
 * {@link Net} ({@link Publisher.Builder}, {@link Subscriber.Builder}, {@link Pusher.Builder},
 * {@link Puller.Builder}, {@link ChannelServer.Builder}, {@link ChannelClient.Builder}) extends
 * it; its own options and its start call ({@code bind(address)} or {@code connect(address)})
 * sit beside these.
 *
 * <p>A builder mutates in place and returns itself; the start call takes an immutable snapshot,
 * so changing the builder afterwards does not change a started endpoint. Not thread-safe.
 *
 * @param <B> the concrete builder type, returned by every setter
 */
public abstract class EndpointBuilder<B extends EndpointBuilder<B>> {

    /** The shared options; the start call reads a snapshot of them. */
    final PatternOptions options;
    private final boolean serverSide;

    EndpointBuilder(Codec codec, boolean serverSide) {
        this.options = new PatternOptions(codec);
        this.serverSide = serverSide;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Sets the limits: connections accepted (on an endpoint that binds) and the bound on bytes
     * queued for writing per connection. Default {@link Limits#defaults()}.
     *
     * @param limits not null
     * @return this builder
     */
    public B limits(Limits limits) {
        options.limits(limits);
        return self();
    }

    /**
     * Sets the longest frame body written or read (default 1 MiB). A longer incoming frame
     * closes its connection before its body is buffered.
     *
     * @param maxFrameLength from 64 bytes to 1 GiB, the bound of every endpoint
     * @return this builder
     * @throws IllegalArgumentException if out of that range
     */
    public B maxFrameLength(int maxFrameLength) {
        options.maxFrameLength(maxFrameLength);
        return self();
    }

    /**
     * Uses TLS with the given context: a server context (made with
     * {@code SslContextBuilder.forServer(...)}) on an endpoint that binds, a client context
     * ({@code SslContextBuilder.forClient()}) on one that connects, where the peer's certificate
     * is checked against the host name connected to. Default plain TCP.
     *
     * @param sslContext a context of this endpoint's side; not null
     * @return this builder
     * @throws IllegalArgumentException if the context is of the other side
     */
    public B tls(SslContext sslContext) {
        options.tls(sslContext, serverSide);
        return self();
    }

    /**
     * Sets how long a peer may send nothing (not even its keepalive) before its connection is
     * closed (default 60 s; zero disables).
     *
     * @param idleTimeout not negative
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public B idleTimeout(Duration idleTimeout) {
        options.idleTimeout(idleTimeout);
        return self();
    }

    /**
     * Sets how long {@code connect(address)} waits for the connection, TLS handshake included
     * (default 10 s). Unused by an endpoint that binds.
     *
     * @param connectTimeout positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public B connectTimeout(Duration connectTimeout) {
        options.connectTimeout(connectTimeout);
        return self();
    }

    /**
     * Sets how long {@code close()} waits for written frames to be flushed and connections to
     * close (default 10 s). Called on one of the endpoint's own threads, {@code close()} never
     * waits.
     *
     * @param closeTimeout not negative
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public B closeTimeout(Duration closeTimeout) {
        options.closeTimeout(closeTimeout);
        return self();
    }

    /**
     * Sets the listener told about failures: connections lost, messages of an unexpected type,
     * frames refused. It must not block. Default: log expected events (a peer gone, a TLS handshake
     * refused) at DEBUG without a stack trace, others at WARNING.
     *
     * @param onError not null
     * @return this builder
     */
    public B onError(Consumer<? super Throwable> onError) {
        options.onError(onError);
        return self();
    }
}
