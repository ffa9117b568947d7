package dev.strand.jcstress.channels;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The base of the deliberately broken channels of the {@code Broken} variants. One object is
 * both the sender and the receiver, and {@link #copy()} returns it. Unless a variant overrides
 * them, a timed or non-blocking send is the blocking {@link #send(Msg)}, a timed receive is
 * {@link #tryRecv()}, and {@link #close()} does nothing. So each variant writes only the
 * operations its race runs, with its one defect.
 */
abstract class BrokenChannel implements TestChannel.Tx, TestChannel.Rx {

    /** This channel as the tests see it, with the broken channels' short patience. */
    final TestChannel channel() {
        return channel(new ConcurrentLinkedQueue<>());
    }

    /**
     * This channel as the tests see it.
     *
     * @param undelivered where this channel puts what it hands to its onUndelivered handler
     */
    final TestChannel channel(ConcurrentLinkedQueue<Msg> undelivered) {
        return new TestChannel(this, this, undelivered, TestChannel.BROKEN_PATIENCE_NANOS);
    }

    @Override
    public Object send(Msg m, long timeoutNanos) {
        return send(m);
    }

    @Override
    public Object trySend(Msg m) {
        return send(m);
    }

    @Override
    public TestChannel.Tx copy() {
        return this;
    }

    @Override
    public Object recv(long timeoutNanos) {
        return tryRecv();
    }

    @Override
    public void close() {
    }
}
