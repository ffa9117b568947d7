package dev.strand.net.transport;

import dev.strand.net.ConnectionLostException;
import dev.strand.net.FrameTooLargeException;
import dev.strand.net.NetException;
import dev.strand.net.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last inbound handler of every framed pipeline: decodes each frame into an
 * {@link Envelope} for the connection's {@link FramedConnection.Listener}, answers idle
 * events (reader idle closes) and maps every failure to this module's
 * exceptions before closing.
 */
public final class FrameHandler extends ChannelInboundHandlerAdapter {

    private static final Pattern TOO_LONG = Pattern.compile("(\\d+)\\D*$");

    /** Frames up to this size are copied into a reused buffer before decoding. */
    private static final int MAX_SCRATCH = 64 * 1024;

    private final FramedConnection connection;
    /** The reused copy buffer; confined to the event loop (decoding finishes with the copy). */
    private byte[] scratch = new byte[256];

    public FrameHandler(FramedConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            connection.recordReceived();
            Envelope envelope;
            try {
                envelope = decode(frame);
            } catch (FrameDecodeException e) {
                connection.listener().onDecodeFailure(connection, e);
                return;
            }
            if (envelope.kind() == Envelope.Kind.CANCEL) {
                connection.listener().onCancel(connection, envelope.id());
            } else if (envelope.kind() != Envelope.Kind.PING) {
                connection.listener().onEnvelope(connection, envelope);
            }
        } finally {
            frame.release();
        }
    }

    /**
     * Decodes a frame body; a direct buffer (the usual case with epoll) is copied into the
     * reused scratch array rather than a new one per frame.
     */
    private Envelope decode(ByteBuf frame) {
        int length = frame.readableBytes();
        EnvelopeCodec.ReplyReaders replies = connection.listener() instanceof EnvelopeCodec.ReplyReaders r ? r : null;
        if (frame.hasArray() || length == 0 || length > MAX_SCRATCH) {
            return connection.codec().decode(frame, replies);
        }
        if (length > scratch.length) {
            scratch = new byte[Math.min(MAX_SCRATCH, Math.max(length, 2 * scratch.length))];
        }
        frame.getBytes(frame.readerIndex(), scratch, 0, length);
        return connection.codec().decode(scratch, 0, length, replies);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        connection.listener().onReadComplete(connection);
        super.channelReadComplete(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE && !connection.listener().busy()) {
                ConnectionLostException e = new ConnectionLostException(
                        "idle timeout: nothing read from " + ctx.channel().remoteAddress(), null);
                connection.listener().onError(connection, e);
                connection.close(e);
            }
            return;
        }
        if (evt instanceof SslHandshakeCompletionEvent hs && !hs.isSuccess()) {
            NetException e = new NetException("TLS handshake with " + ctx.channel().remoteAddress() + " failed",
                    hs.cause());
            connection.listener().onError(connection, e);
            connection.close(e);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        connection.listener().onWritabilityChanged(connection, ctx.channel().isWritable());
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        connection.opened();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        connection.closed();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable error = translate(cause, connection.codec().maxFrameLength());
        if (ctx.channel().isActive()) {
            // Errors after the channel closed (a reset while closing) are noise, not news.
            connection.listener().onError(connection, error);
        }
        connection.close(error);
    }

    /** Maps Netty's and the JDK's failures to this module's exceptions. */
    public static Throwable translate(Throwable cause, int maxFrameLength) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null
                && !(cause instanceof TooLongFrameException) && !(cause instanceof CorruptedFrameException)
                ? cause.getCause() : cause;
        if (root instanceof TooLongFrameException) {
            long length = -1;
            Matcher m = TOO_LONG.matcher(String.valueOf(root.getMessage()));
            if (m.find()) {
                // The decoder counts the 4-byte prefix in the frame length.
                length = Long.parseLong(m.group(1)) - 4;
            }
            FrameTooLargeException e = new FrameTooLargeException(length, maxFrameLength);
            e.initCause(root);
            return e;
        }
        if (root instanceof CorruptedFrameException) {
            return new ProtocolException("corrupted frame: " + root.getMessage(), root);
        }
        if (root instanceof IOException) {
            return new ConnectionLostException("connection failed: " + root.getMessage(), root);
        }
        return root;
    }
}
