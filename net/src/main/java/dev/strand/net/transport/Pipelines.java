package dev.strand.net.transport;

import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Builds the pipeline every framed connection uses, server or client:
 *
 * <pre>
 *   [SslHandler]                       optional TLS
 *   FlushConsolidationHandler          one flush per read batch
 *   IdleStateHandler                   reader idle → close (the keepalive ping: FramedConnection)
 *   PartialFrameGuard                  a frame's deadline; the budget of unfinished frames
 *   LengthFieldBasedFrameDecoder       u32 BE length, failFast: an oversized length is refused
 *                                      before its body is buffered
 *   FrameHandler                       body → Envelope → FramedConnection.Listener
 * </pre>
 *
 * Outbound frames are encoded (length prefix included) by {@link EnvelopeCodec} before they
 * enter the pipeline, so there is no outbound encoder.
 */
public final class Pipelines {

    private Pipelines() {
    }

    /**
     * Installs the handlers on {@code ch} and returns its connection, whose listener the caller
     * must set before the channel becomes active (that is, inside {@code initChannel}).
     *
     * @param peer the address connected to, on the client side (for TLS host name
     *             verification); null on the server side
     */
    public static FramedConnection install(SocketChannel ch, TransportConfig config, InetSocketAddress peer) {
        return install(ch, config, peer, new PartialFrameGuard.Budget(config.limits().maxPartialFrameBytes()),
                "client");
    }

    /**
     * As above, with the partial-frame budget shared by the endpoint's connections.
     *
     * @param role the accepting endpoint's kind, or "client" (see {@link FramedConnection#role()})
     */
    static FramedConnection install(SocketChannel ch, TransportConfig config, InetSocketAddress peer,
                                    PartialFrameGuard.Budget partialFrames, String role) {
        FramedConnection connection = new FramedConnection(ch, config.codec(), config.limits().maxQueuedBytes(),
                role, config.keepAlive().toNanos());
        ChannelPipeline p = ch.pipeline();
        if (config.ssl() != null) {
            SslHandler ssl;
            if (peer != null) {
                ssl = config.ssl().newHandler(ch.alloc(), peer.getHostString(), peer.getPort());
            } else {
                ssl = config.ssl().newHandler(ch.alloc());
            }
            p.addLast("ssl", ssl);
        }
        // Flushes during a read wait for its end (or every 256th); outside a read they go at
        // once: FramedConnection's drain already writes every queued frame and flushes once per
        // batch, so putting off its flush to one more event-loop task would only add a task,
        // and a hop of latency, per batch.
        p.addLast("flush", new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES,
                false));
        // Reader idle only: the keepalive ping is FramedConnection's own, which notes the last
        // write once per drain rather than with a listener on every write.
        p.addLast("idle", new IdleStateHandler(config.idleTimeout().toNanos(), 0, 0, TimeUnit.NANOSECONDS));
        int maxFrameLength = config.codec().maxFrameLength();
        // The decoder's maximum counts the 4-byte prefix; lengths are read as u32, so a
        // "negative" i32 is a huge length and refused as too long.
        p.addLast("partial", new PartialFrameGuard(connection, partialFrames,
                Math.min(Long.MAX_VALUE / 4, config.limits().partialFrameTimeout().toNanos())));
        p.addLast("frames", new LengthFieldBasedFrameDecoder(maxFrameLength + 4, 0, 4, 0, 4, true));
        p.addLast("envelopes", new FrameHandler(connection));
        return connection;
    }
}
