package dev.strand.net.transport;

import dev.strand.net.LimitExceededException;
import dev.strand.net.Limits;
import dev.strand.net.NetException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The server bootstrap helper: binds a listening socket on its own event-loop group and turns
 * every accepted socket into a {@link FramedConnection} whose listener a factory supplies.
 * Enforces {@link Limits#maxConnections()} (a connection over the limit is closed at once and
 * the rejection reported) and tracks open connections for {@link #connectionCount()} and for
 * a graceful close.
 *
 * <pre>{@code
 * ServerTransport t = ServerTransport.bind(address, config, ioThreads, "server",
 *         conn -> myListener(conn), rejection -> log(rejection));
 * ...
 * t.stopAccepting(); t.closeConnections(); t.shutDown(timeout);
 * }</pre>
 */
public final class ServerTransport {

    /** One thread accepting: stopped first on close, so no connection is registered after. */
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup group;
    private final Set<FramedConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    /** The bytes of unfinished frames held across this server's connections; set in bind. */
    private volatile PartialFrameGuard.Budget partialFrames;
    /**
     * Guards {@link #closing} together with adding to {@link #connections}: a connection the
     * acceptor handed over just before the accept loop stopped is registered (and initialised)
     * on its I/O thread later, possibly after {@link #closeConnections()} took its snapshot and
     * even after that I/O loop began to shut down (Netty then runs the registration among the
     * last tasks and never closes the channel: the peer would wait forever). Under this lock
     * either the closer sees the connection or the connection sees {@code closing}.
     */
    private final Object lock = new Object();
    /** Guarded by {@link #lock}; set once the connections are being closed. */
    private boolean closing;
    private Channel serverChannel;

    private ServerTransport(EventLoopGroup acceptGroup, EventLoopGroup group) {
        this.acceptGroup = acceptGroup;
        this.group = group;
    }

    /**
     * Binds and starts accepting.
     *
     * @param role      names the event-loop threads ({@code strand-net-<role>-n})
     * @param listeners makes the listener of each accepted connection (called on its event loop)
     * @param rejected  told about each connection refused for {@code maxConnections}
     * @throws NetException if the address cannot be bound
     */
    public static ServerTransport bind(SocketAddress address, TransportConfig config, int ioThreads, String role,
                                Function<FramedConnection, FramedConnection.Listener> listeners,
                                Consumer<LimitExceededException> rejected) {
        ServerTransport t = new ServerTransport(EventLoops.newGroup(1, role + "-accept"),
                EventLoops.newGroup(ioThreads, role));
        t.start(address, config, role, listeners, rejected);
        return t;
    }

    private void start(SocketAddress address, TransportConfig config, String role,
                       Function<FramedConnection, FramedConnection.Listener> listeners,
                       Consumer<LimitExceededException> rejected) {
        int maxConnections = config.limits().maxConnections();
        partialFrames = new PartialFrameGuard.Budget(config.limits().maxPartialFrameBytes());
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptGroup, group)
                .channel(EventLoops.serverChannelClass())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark(config.limits()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (connectionCount.incrementAndGet() > maxConnections) {
                            connectionCount.decrementAndGet();
                            ch.close();
                            rejected.accept(new LimitExceededException("maxConnections", maxConnections));
                            return;
                        }
                        FramedConnection connection = Pipelines.install(ch, config, null, partialFrames, role);
                        connection.listener(listeners.apply(connection));
                        // Netty completes the close future before it fires channelInactive,
                        // which completes FramedConnection.closeFuture(): whoever awaits a
                        // closed connection sees the count already lowered.
                        ch.closeFuture().addListener(f -> {
                            connections.remove(connection);
                            connectionCount.decrementAndGet();
                        });
                        boolean late;
                        synchronized (lock) {
                            late = closing;
                            if (!late) {
                                connections.add(connection);
                            }
                        }
                        if (late) {
                            ch.close(); // registered after the close began: nobody else would close it
                        }
                    }
                });
        ChannelFuture bound = b.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            EventLoops.shutDown(acceptGroup, Duration.ofSeconds(5));
            EventLoops.shutDown(group, Duration.ofSeconds(5));
            throw new NetException("cannot bind " + address + ": " + bound.cause().getMessage(), bound.cause());
        }
        serverChannel = bound.channel();
    }

    /** The high water mark: half the queue bound, at most 1 MiB; the low mark half of that. */
    public static WriteBufferWaterMark waterMark(Limits limits) {
        int high = (int) Math.max(2, Math.min(1L << 20, limits.maxQueuedBytes() / 2));
        return new WriteBufferWaterMark(high / 2, high);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public int connectionCount() {
        return connectionCount.get();
    }

    /** A snapshot of the open connections. */
    public Set<FramedConnection> connections() {
        return Set.copyOf(connections);
    }

    public EventLoopGroup group() {
        return group;
    }

    /** Whether the calling thread is one of this server's event loops. */
    public boolean onOwnThread() {
        return EventLoops.inGroup(group) || EventLoops.inGroup(acceptGroup);
    }

    /**
     * Closes the listening socket and stops the accepting thread; open connections are
     * untouched. Once it returns, every accepted connection has been handed to an I/O thread
     * (so the I/O group's shutdown will close it: a connection registered on a group already
     * shutting down would be left open).
     */
    public void stopAccepting() {
        serverChannel.close().awaitUninterruptibly();
        EventLoops.shutDown(acceptGroup, Duration.ofSeconds(5));
    }

    /** Closes every open connection once its written frames are flushed. */
    public void closeConnections() {
        synchronized (lock) {
            closing = true;
        }
        for (FramedConnection c : connections) {
            c.closeAfterFlush();
        }
    }

    /** Closes everything left and stops the event loops, waiting up to {@code timeout}. */
    public void shutDown(Duration timeout) {
        serverChannel.close();
        EventLoops.shutDown(acceptGroup, timeout);
        synchronized (lock) {
            closing = true;
        }
        for (FramedConnection c : connections) {
            c.close();
        }
        EventLoops.shutDown(group, timeout);
    }
}
