package dev.strand.net.transport;

import dev.strand.net.Limits;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Objects;

/**
 * What the transport layer needs to open framed connections, on either side.
 *
 * @param codec       envelope codec (user types, system types, maxFrameLength)
 * @param idleTimeout a connection from which nothing was read for this long is closed;
 *                    {@link Duration#ZERO} disables it
 * @param keepAlive   a ping is written after this long without writing; {@link Duration#ZERO}
 *                    disables it
 * @param limits      connection, in-flight and queue limits
 * @param ssl         TLS context, or null for plain TCP
 */
public record TransportConfig(EnvelopeCodec codec, Duration idleTimeout, Duration keepAlive, Limits limits,
                       SslContext ssl) {

    /** Default idle timeout. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Default maximum frame body length: 1 MiB. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 1 << 20;

    public TransportConfig {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(limits, "limits");
    }

    /** The keepalive for an idle timeout when none is set: a third of it, so two pings may be lost. */
    public static Duration defaultKeepAlive(Duration idleTimeout) {
        return idleTimeout.isZero() ? Duration.ofSeconds(20) : idleTimeout.dividedBy(3);
    }

    /**
     * Checks a TLS context is for the side that uses it.
     *
     * @throws IllegalArgumentException if a server gets a client context or the other way round
     */
    public static SslContext requireTlsSide(SslContext sslContext, boolean server) {
        Objects.requireNonNull(sslContext, "sslContext");
        if (server && !sslContext.isServer()) {
            throw new IllegalArgumentException("sslContext must be a server context (SslContextBuilder.forServer)");
        }
        if (!server && !sslContext.isClient()) {
            throw new IllegalArgumentException("sslContext must be a client context (SslContextBuilder.forClient)");
        }
        return sslContext;
    }

}
