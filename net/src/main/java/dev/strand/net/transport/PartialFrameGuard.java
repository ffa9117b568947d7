package dev.strand.net.transport;

import dev.strand.net.LimitExceededException;
import dev.strand.net.NetException;
import dev.strand.net.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the frames a peer has begun and not finished: installed just before the frame
 * decoder, it follows the frame boundaries in the bytes going past and closes the connection
 * when a frame is not complete {@link Limits#partialFrameTimeout()} after the read that began
 * it, or when the bytes of unfinished frames held across the endpoint's connections would
 * exceed {@link Limits#maxPartialFrameBytes()}. Either way the close is logged at DEBUG (a
 * hostile peer cannot flood the log) and recorded as the connection's close cause.
 *
 * <p>Confined to the channel's event loop, except the {@link Budget}, which is thread-safe.
 */
final class PartialFrameGuard extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger("dev.strand.net");

    /** The bytes of unfinished frames held by the connections of one endpoint. */
    static final class Budget {
        private final long max;
        private final AtomicLong held = new AtomicLong();

        Budget(long max) {
            this.max = max;
        }

        /** Takes {@code n} bytes from the budget, or nothing and returns false if they do not fit. */
        boolean reserve(long n) {
            if (held.addAndGet(n) > max) {
                held.addAndGet(-n);
                return false;
            }
            return true;
        }

        void release(long n) {
            held.addAndGet(-n);
        }

        long held() {
            return held.get();
        }

        long max() {
            return max;
        }
    }

    private final FramedConnection connection;
    private final Budget budget;
    private final long timeoutNanos;

    /** Bytes of the length prefix read so far (0 to 3) while in a prefix. */
    private int prefixRead;
    /** The length being read from the prefix. */
    private long length;
    /** Body bytes still to come of the current frame; 0 between frames or in a prefix. */
    private long bodyRemaining;
    /** Bytes of the current unfinished frame seen so far, and how many of them are reserved. */
    private long partial;
    private long reserved;
    /** Counts finished frames: tells the deadline whether its frame is still the current one. */
    private long frames;
    /** When the current unfinished frame was first seen unfinished; 0 if none is tracked. */
    private long partialSince;
    private boolean timerPending;
    private boolean closing;

    PartialFrameGuard(FramedConnection connection, Budget budget, long timeoutNanos) {
        this.connection = connection;
        this.budget = budget;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ((ByteBuf) msg).release();
            return;
        }
        ByteBuf buf = (ByteBuf) msg;
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        while (i < end) {
            if (bodyRemaining > 0) {
                long take = Math.min(bodyRemaining, end - i);
                i += (int) take;
                bodyRemaining -= take;
                partial += take;
                if (bodyRemaining == 0) {
                    frameDone();
                }
            } else {
                length = (length << 8) | buf.getUnsignedByte(i++);
                partial++;
                if (++prefixRead == 4) {
                    prefixRead = 0;
                    bodyRemaining = length;
                    length = 0;
                    if (bodyRemaining == 0) {
                        frameDone();
                    }
                }
            }
        }
        if (partial > 0 && !unfinished(ctx)) {
            buf.release();
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private void frameDone() {
        frames++;
        partial = 0;
        partialSince = 0;
        if (reserved > 0) {
            budget.release(reserved);
            reserved = 0;
        }
    }

    /** A read ended inside a frame: charges the budget and arms the deadline; false if closed. */
    private boolean unfinished(ChannelHandlerContext ctx) {
        long more = partial - reserved;
        if (more > 0) {
            if (!budget.reserve(more)) {
                close(new LimitExceededException("maxPartialFrameBytes", budget.max()),
                        "unfinished frames would hold more than maxPartialFrameBytes (" + budget.max()
                        + " bytes) across connections");
                return false;
            }
            reserved = partial;
        }
        if (partialSince == 0) {
            partialSince = System.nanoTime() | 1; // never 0: 0 means none tracked
            if (!timerPending) {
                armTimer(ctx, frames, timeoutNanos);
            }
        }
        return true;
    }

    private void armTimer(ChannelHandlerContext ctx, long frame, long delayNanos) {
        timerPending = true;
        ctx.executor().schedule(() -> deadline(ctx, frame), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    /** On the event loop, at the deadline of frame number {@code frame}. */
    private void deadline(ChannelHandlerContext ctx, long frame) {
        timerPending = false;
        if (closing || partialSince == 0) {
            return;
        }
        if (frames == frame) {
            close(new ProtocolException("frame not completed within partialFrameTimeout ("
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms) after it began; " + partial
                    + " bytes of it arrived"), "partial frame deadline passed");
        } else {
            // A later frame is unfinished now: its own deadline.
            armTimer(ctx, frames, partialSince + timeoutNanos - System.nanoTime());
        }
    }

    private void close(NetException why, String what) {
        closing = true;
        LOG.log(Level.DEBUG, () -> "strand-net: " + connection.remoteAddress() + ": " + what + ", closing: "
                + why.getMessage());
        connection.close(why);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closing = true;
        if (reserved > 0) {
            budget.release(reserved);
            reserved = 0;
        }
        super.channelInactive(ctx);
    }
}
