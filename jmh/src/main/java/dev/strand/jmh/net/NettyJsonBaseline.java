package dev.strand.jmh.net;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling: the least code that does request-reply of JSON over length-prefixed TCP with
 * Netty and Jackson. One envelope class per direction bound directly, the server answers on
 * the I/O thread, no registry, no limits, no deadlines, no error handling.
 */
final class NettyJsonBaseline {

    /** Request envelope. */
    public record Req(long id, RequestReplyBenchmark.Hello p) {
    }

    /** Reply envelope. */
    public record Rep(long id, RequestReplyBenchmark.Greeting p) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectReader REQ = MAPPER.readerFor(Req.class);
    private static final ObjectReader REP = MAPPER.readerFor(Rep.class);
    private static final ObjectWriter REQ_W = MAPPER.writerFor(Req.class);
    private static final ObjectWriter REP_W = MAPPER.writerFor(Rep.class);

    private final EventLoopGroup serverGroup;
    private final EventLoopGroup clientGroup;
    private final Channel server;
    private final Channel client;
    private final Map<Long, CompletableFuture<RequestReplyBenchmark.Greeting>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    NettyJsonBaseline() throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        serverGroup = new MultiThreadIoEventLoopGroup(2, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        clientGroup = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        server = new ServerBootstrap().group(serverGroup)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(1 << 20, 0, 4, 0, 4),
                                new SimpleChannelInboundHandler<ByteBuf>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame)
                                            throws IOException {
                                        Req req = REQ.readValue((java.io.InputStream) new ByteBufInputStream(frame));
                                        ctx.write(encode(ctx.alloc().ioBuffer(), REP_W, new Rep(req.id(),
                                                new RequestReplyBenchmark.Greeting("Hello, " + req.p().name() + "!"))));
                                    }

                                    @Override
                                    public void channelReadComplete(ChannelHandlerContext ctx) {
                                        ctx.flush();
                                    }
                                });
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        client = new Bootstrap().group(clientGroup)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(1 << 20, 0, 4, 0, 4),
                                new SimpleChannelInboundHandler<ByteBuf>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame)
                                            throws IOException {
                                        Rep rep = REP.readValue((java.io.InputStream) new ByteBufInputStream(frame));
                                        CompletableFuture<RequestReplyBenchmark.Greeting> f = pending.remove(rep.id());
                                        if (f != null) {
                                            f.complete(rep.p());
                                        }
                                    }
                                });
                    }
                }).connect(server.localAddress()).sync().channel();
    }

    private static <T> ByteBuf encode(ByteBuf buf, ObjectWriter writer, T value) {
        buf.writeInt(0);
        try {
            writer.writeValue((OutputStream) new ByteBufOutputStream(buf), value);
        } catch (IOException e) {
            buf.release();
            throw new UncheckedIOException(e);
        }
        buf.setInt(0, buf.readableBytes() - 4);
        return buf;
    }

    CompletableFuture<RequestReplyBenchmark.Greeting> request(RequestReplyBenchmark.Hello hello) {
        long id = ids.incrementAndGet();
        CompletableFuture<RequestReplyBenchmark.Greeting> f = new CompletableFuture<>();
        pending.put(id, f);
        client.writeAndFlush(encode(client.alloc().ioBuffer(), REQ_W, new Req(id, hello)));
        return f;
    }

    /**
     * Closes both ends and their event loops, waiting for them. Not {@code AutoCloseable.close}:
     * it waits (and may be interrupted), and only the JMH tear-down calls it.
     */
    public void close() throws InterruptedException {
        client.close().sync();
        server.close().sync();
        clientGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        serverGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
    }
}
