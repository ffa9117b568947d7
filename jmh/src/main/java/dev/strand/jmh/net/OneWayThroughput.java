package dev.strand.jmh.net;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.strand.channels.DisconnectedException;
import dev.strand.channels.Receiver;
import dev.strand.net.Connection;
import dev.strand.net.JsonCodec;
import dev.strand.net.Net;
import dev.strand.net.NetClient;
import dev.strand.net.NetServer;
import dev.strand.net.Puller;
import dev.strand.net.Pusher;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * One-way throughput of ~100-byte JSON messages over one TCP connection on loopback, sender
 * to a receiver that decodes every message with Jackson:
 * <ul>
 *   <li>{@code strand-push}: {@link Pusher#push} to a {@link Puller} whose receiver thread
 *   takes each message (credit flow control, decoded by the transport);</li>
 *   <li>{@code strand-send}: {@link Connection#send} (fire-and-forget) to a {@link NetServer}
 *   message handler on the server's handler pool (one thread hop per message, the default);</li>
 *   <li>{@code strand-send-direct}: the same with the handler on the I/O thread
 *   ({@code executor(Runnable::run)});</li>
 *   <li>{@code jeromq}: JeroMQ PUSH/PULL carrying the same Jackson-encoded bytes, decoded by
 *   the PULL thread;</li>
 *   <li>{@code netty}: a minimal hand-written Netty pipeline (u32 length prefix,
 *   {@code LengthFieldBasedFrameDecoder}, Jackson in the handler; writes flushed once per
 *   batch): the ceiling.</li>
 * </ul>
 * Each invocation sends {@value #BATCH} messages and waits until the receiver has decoded all
 * of them; the score is messages per microsecond.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OneWayThroughput {

    /** Messages per invocation. */
    static final int BATCH = 2000;

    /** The message: about 100 bytes of JSON. */
    public record Quote(long id, String symbol, double price, long ts, String venue) {
    }

    @Param({"strand-push", "strand-send", "strand-send-direct", "jeromq", "netty"})
    public String system;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter WRITER = MAPPER.writerFor(Quote.class);
    private static final ObjectReader READER = MAPPER.readerFor(Quote.class);

    /** Messages decoded by the receiver so far. */
    final AtomicLong received = new AtomicLong();
    /** The count the benchmark thread waits for, and that thread. */
    volatile long target = Long.MAX_VALUE;
    volatile Thread waiter;

    private Quote quote;
    private Transport system0;

    /**
     * One system under test: sends one message (from the benchmark thread) and flushes a batch.
     * Not {@code AutoCloseable}: closing waits (and may be interrupted), and only the JMH
     * tear-down closes it, never a try-with-resources.
     */
    interface Transport {
        void send(Quote q);

        default void endBatch() {
        }

        void close() throws Exception;
    }

    void arrived() {
        if (received.incrementAndGet() == target) {
            LockSupport.unpark(waiter);
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        quote = new Quote(1_234_567L, "ACME", 101.25, 1_700_000_000_000L, "XNAS-lit-primary");
        int size = WRITER.writeValueAsBytes(quote).length;
        if (size < 90 || size > 110) {
            throw new IllegalStateException("message is " + size + " bytes, not ~100");
        }
        switch (system) {
            case "strand-push" -> system0 = new StrandPush();
            case "strand-send" -> system0 = new StrandSend(false);
            case "strand-send-direct" -> system0 = new StrandSend(true);
            case "jeromq" -> system0 = new JeroMq();
            case "netty" -> system0 = new NettyBaseline();
            default -> throw new IllegalArgumentException("system: " + system);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        system0.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long batch() {
        waiter = Thread.currentThread();
        long goal = received.get() + BATCH;
        target = goal;
        Transport s = system0;
        Quote q = quote;
        for (int i = 0; i < BATCH; i++) {
            s.send(q);
        }
        s.endBatch();
        while (received.get() < goal) {
            LockSupport.parkNanos(this, 200_000);
        }
        return goal;
    }

    // ---------------------------------------------------------------------------- systems

    private static final JsonCodec CODEC = JsonCodec.builder().register("quote", Quote.class).build();

    private final class StrandPush implements Transport {
        final Pusher pusher = Net.pusher(CODEC).bind(new InetSocketAddress("127.0.0.1", 0));
        final Puller puller = Net.puller(CODEC).connect(new InetSocketAddress("127.0.0.1", pusher.port()));
        final Thread consumer;

        StrandPush() throws InterruptedException {
            Receiver<Quote> rx = puller.receiver(Quote.class);
            consumer = new Thread(() -> {
                try {
                    while (true) {
                        rx.recv();
                        arrived();
                    }
                } catch (DisconnectedException | IllegalStateException e) {
                    // closed
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    // receiver closed under us
                }
            }, "strand-puller-consumer");
            consumer.start();
        }

        @Override
        public void send(Quote q) {
            pusher.push(q);
        }

        @Override
        public void close() throws Exception {
            pusher.close();
            puller.close();
            consumer.join(5000);
        }
    }

    private final class StrandSend implements Transport {
        final NetServer server;
        final Connection conn;

        StrandSend(boolean direct) throws InterruptedException {
            NetServer.Builder b = NetServer.builder().codec(CODEC)
                    .onMessage((c, m) -> arrived());
            if (direct) {
                b.executor(Runnable::run); // handler on the I/O thread: no hop
            }
            server = b.bind(new InetSocketAddress("127.0.0.1", 0));
            conn = NetClient.builder().codec(CODEC).connect(new InetSocketAddress("127.0.0.1", server.port()));
        }

        @Override
        public void send(Quote q) {
            conn.send(q);
        }

        @Override
        public void close() throws Exception {
            conn.close();
            server.close();
        }
    }

    private final class JeroMq implements Transport {
        final ZContext ctx = new ZContext();
        final ZMQ.Socket push;
        final Thread pullThread;
        volatile boolean running = true;

        JeroMq() throws InterruptedException {
            ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
            pull.setReceiveTimeOut(100);
            int port = pull.bindToRandomPort("tcp://127.0.0.1");
            pullThread = new Thread(() -> {
                while (running) {
                    byte[] b = pull.recv(0);
                    if (b != null) {
                        decode(b);
                        arrived();
                    }
                }
                pull.close();
            }, "jeromq-pull");
            pullThread.start();
            push = ctx.createSocket(SocketType.PUSH);
            push.connect("tcp://127.0.0.1:" + port);
        }

        @Override
        public void send(Quote q) {
            try {
                push.send(WRITER.writeValueAsBytes(q), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws Exception {
            running = false;
            pullThread.join(5000);
            push.close();
            ctx.close();
        }
    }

    static Quote decode(byte[] b) {
        try {
            return READER.readValue(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ceiling: what a hand-written Netty + Jackson pipeline does with the same framing. */
    private final class NettyBaseline implements Transport {
        final EventLoopGroup serverGroup;
        final EventLoopGroup clientGroup;
        final Channel client;
        final Channel server;

        NettyBaseline() throws InterruptedException {
            boolean epoll = Epoll.isAvailable();
            IoHandlerFactory f = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
            serverGroup = new MultiThreadIoEventLoopGroup(1, f);
            clientGroup = new MultiThreadIoEventLoopGroup(1, f);
            server = new ServerBootstrap().group(serverGroup)
                    .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(1 << 20, 0, 4, 0, 4, true));
                            ch.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame)
                                        throws IOException {
                                    READER.readValue((java.io.InputStream) new ByteBufInputStream(frame));
                                    arrived();
                                }
                            });
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            client = new Bootstrap().group(clientGroup)
                    .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                        }
                    })
                    .connect(server.localAddress()).sync().channel();
        }

        @Override
        public void send(Quote q) {
            ByteBuf buf = client.alloc().ioBuffer(128);
            try {
                buf.writeInt(0);
                WRITER.writeValue((OutputStream) new ByteBufOutputStream(buf), q);
                buf.setInt(0, buf.readableBytes() - 4);
            } catch (IOException e) {
                buf.release();
                throw new UncheckedIOException(e);
            }
            client.write(buf, client.voidPromise());
        }

        @Override
        public void endBatch() {
            client.flush();
        }

        @Override
        public void close() throws Exception {
            client.close().sync();
            server.close().sync();
            clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
