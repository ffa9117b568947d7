package dev.strand.net.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The event-loop group factory of the transport: epoll where {@link Epoll#isAvailable()}
 * (Linux with the native library loaded), NIO elsewhere, Netty 4.2 style
 * ({@link MultiThreadIoEventLoopGroup} with an {@code IoHandlerFactory}).
 *
 * <p>Every group made here has non-daemon threads named {@code strand-net-<role>-<n>}: a test
 * can check that none is left once everything was closed. The client side shares one
 * reference-counted group across all client connections of the process
 * ({@link #acquireClientGroup()} / {@link #releaseClientGroup}); it is shut down when the
 * last connection using it closes, and made again on the next connect.
 */
public final class EventLoops {

    /** Prefix of every thread name this module starts. */
    public static final String THREAD_PREFIX = "strand-net-";

    /** Epoll where available, unless {@code -Dstrand.net.transport=nio} asks for NIO. */
    private static final boolean EPOLL = !"nio".equals(System.getProperty("strand.net.transport"))
            && Epoll.isAvailable();

    /** The thread factory of each live group, to join its threads on shutdown. */
    private static final Map<EventLoopGroup, TrackedThreadFactory> FACTORIES = new ConcurrentHashMap<>();

    private static final Object CLIENT_LOCK = new Object();
    /** Guarded by CLIENT_LOCK. */
    private static EventLoopGroup clientGroup;
    /** Guarded by CLIENT_LOCK. */
    private static int clientRefs;

    private EventLoops() {
    }

    /** Whether the native epoll transport is in use. */
    public static boolean epoll() {
        return EPOLL;
    }

    public static IoHandlerFactory ioHandlerFactory() {
        return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /** A new group of {@code threads} event loops whose threads are named after {@code role}. */
    public static EventLoopGroup newGroup(int threads, String role) {
        TrackedThreadFactory factory = new TrackedThreadFactory(role);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, factory, ioHandlerFactory());
        FACTORIES.put(group, factory);
        return group;
    }

    public static Class<? extends ServerChannel> serverChannelClass() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public static Class<? extends SocketChannel> channelClass() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** Default number of I/O threads: the available processors, at most 8. */
    public static int defaultIoThreads() {
        return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    /** Takes a reference to the shared client group, creating it if there is none. */
    public static EventLoopGroup acquireClientGroup() {
        synchronized (CLIENT_LOCK) {
            if (clientGroup == null) {
                clientGroup = newGroup(defaultIoThreads(), "client");
            }
            clientRefs++;
            return clientGroup;
        }
    }

    /**
     * Drops a reference taken with {@link #acquireClientGroup()}; the last one shuts the group
     * down and waits (outside the lock) up to {@code await} for its threads to end.
     */
    public static void releaseClientGroup(EventLoopGroup group, Duration await) {
        EventLoopGroup toShutDown = null;
        synchronized (CLIENT_LOCK) {
            if (group == clientGroup && --clientRefs == 0) {
                toShutDown = clientGroup;
                clientGroup = null;
            }
        }
        if (toShutDown != null) {
            shutDown(toShutDown, await);
        }
    }

    /** Whether the calling thread is one of {@code group}'s event loops (it must not wait on them). */
    public static boolean inGroup(EventLoopGroup group) {
        for (EventExecutor loop : group) {
            if (loop.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Shuts a group down with no quiet period and waits up to {@code await} for its threads to
     * end (not only for its termination future, which completes just before they exit).
     */
    public static void shutDown(EventLoopGroup group, Duration await) {
        group.shutdownGracefully(0, await.toMillis(), TimeUnit.MILLISECONDS);
        TrackedThreadFactory factory = FACTORIES.remove(group);
        if (inGroup(group)) {
            return; // called from one of its own threads: waiting would deadlock
        }
        try {
            group.terminationFuture().await(await.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (factory != null) {
            factory.join(await.plusSeconds(1));
        }
    }
}
