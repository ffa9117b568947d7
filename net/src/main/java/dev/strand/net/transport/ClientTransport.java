package dev.strand.net.transport;

import dev.strand.net.ConnectionLostException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The client bootstrap helper: opens one {@link FramedConnection} to an address on a given
 * event-loop group (normally the shared client group of {@link EventLoops}).
 *
 * <pre>{@code
 * EventLoopGroup group = EventLoops.acquireClientGroup();
 * FramedConnection c = ClientTransport.connect(group, address, config, conn -> listener, timeout).join();
 * ...
 * c.close(); EventLoops.releaseClientGroup(group, timeout);
 * }</pre>
 */
public final class ClientTransport {

    private ClientTransport() {
    }

    /**
     * Connects; the future completes with the connection once TCP (and TLS, if configured) is
     * established, or fails with {@link ConnectionLostException} whose cause says why.
     */
    public static CompletableFuture<FramedConnection> connect(EventLoopGroup group, InetSocketAddress address,
                                                       TransportConfig config,
                                                       Function<FramedConnection, FramedConnection.Listener> listeners,
                                                       Duration connectTimeout) {
        CompletableFuture<FramedConnection> result = new CompletableFuture<>();
        FramedConnection[] made = new FramedConnection[1];
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(EventLoops.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        Math.max(1, connectTimeout.toMillis())))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, ServerTransport.waterMark(config.limits()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        FramedConnection connection = Pipelines.install(ch, config, address);
                        connection.listener(listeners.apply(connection));
                        made[0] = connection; // read in the connect listener, on the same event loop
                    }
                });
        b.connect(address).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(new ConnectionLostException("cannot connect to " + address + ": "
                        + f.cause().getMessage(), f.cause()));
                return;
            }
            FramedConnection connection = made[0];
            if (config.ssl() == null) {
                result.complete(connection);
                return;
            }
            SslHandler ssl = f.channel().pipeline().get(SslHandler.class);
            ssl.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    result.complete(connection);
                } else {
                    f.channel().close();
                    result.completeExceptionally(new ConnectionLostException("TLS handshake with " + address
                            + " failed: " + h.cause().getMessage(), h.cause()));
                }
            });
        });
        return result;
    }
}
