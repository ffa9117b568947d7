package dev.strand.channels;

import dev.strand.core.Ticker;
import java.util.function.Consumer;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;

/** {@link Channel#unbounded()}: a JCTools XADD-based unbounded MPSC queue; send never waits. */
final class UnboundedCore<T> extends Core<T> {

    /** Chunk size: big enough to amortize chunk hops, small enough for many idle channels. */
    static final int CHUNK_SIZE = 512;

    private final MpscUnboundedXaddArrayQueue<T> queue = new MpscUnboundedXaddArrayQueue<>(CHUNK_SIZE);

    UnboundedCore(Consumer<? super T> onUndelivered, Ticker ticker) {
        super(onUndelivered, ticker);
    }

    @Override
    boolean offerNow(T msg) {
        checkNotClosed(msg);
        queue.offer(msg); // XADD on the producer index: the synchronization action of overview 1
        signalAfterOffer(msg);
        return true;
    }

    @Override
    boolean sendBlocking(T msg, boolean timed, long deadline) {
        return offerNow(msg);
    }

    @Override
    T pollQuiet() {
        // relaxedPoll: null when the next slot is claimed but not written yet; never spins.
        return queue.relaxedPoll();
    }

    @Override
    boolean bufferEmpty() {
        return queue.isEmpty(); // consumer index then producer index, both volatile reads
    }

    @Override
    boolean drainBuffer(Object mine) {
        return drainToUndelivered(mine);
    }

    @Override
    String flavour() {
        return "unbounded";
    }
}
