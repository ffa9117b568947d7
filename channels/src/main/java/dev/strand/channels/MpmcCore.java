package dev.strand.channels;

import dev.strand.core.Ticker;
import java.util.function.Consumer;
import org.jctools.queues.MpmcUnboundedXaddArrayQueue;

/*
 * Unbounded multi-consumer channels (Channel.Builder.multiConsumer() without a capacity)
 * =====================================================================================
 *
 * The buffer is a JCTools MPMC queue: its poll claims a slot with a CAS on the consumer index,
 * so any number of threads receive at once and each message is taken exactly once, with no
 * lock and no turn. The Core protocol (Core.java overview) applies with these differences:
 *
 * - No `owner`: receives never acquire the consumer role (acquire() is never called), and
 *   `signal` never holds a Waiter; it is null, CLOSED or DISCONNECTED.
 * - Parked consumers: a Treiber stack, consumerWaiters, of one node per registration (a fresh
 *   ProducerNode each time, so no ABA). A consumer registers by pushing its node (CAS: a full
 *   fence), then re-checks the buffer, `senders` and `signal`, and only then parks. A producer,
 *   after its offer has advanced the producer index (XADD), reads `signal`, then
 *   consumerWaiters: if non-empty it pops ONE live node and unparks its thread (one wake-up
 *   per message, no thundering herd). Dekker's pattern as in overview 1: either the
 *   consumer's re-check sees the message or the producer sees the node. A node popped while
 *   its consumer was leaving (done set: timeout, interrupt, a re-check that succeeded) is
 *   handled as for producers (overview 2): the consumer, on leaving a node it did not park
 *   on or gave up on, passes a wake-up aimed at it on to another consumer (popped, then done
 *   against done, then popped), so no wake-up is wasted on a consumer that is not waiting.
 * - Disconnect and close wake every parked consumer: the last Sender.close() decrements
 *   `senders` then pops the whole stack; Receiver.close() sets CLOSED then pops it. Each
 *   consumer re-reads the state and reports the disconnect.
 * - Close and the drains to onUndelivered: the drainer (closer, or a sender that saw a terminal
 *   state after its offer) still holds DRAINER against other drainers, but consumers poll
 *   concurrently with it. Each poll claims its slot exclusively, so every message still goes
 *   exactly once: to a receiver, to onUndelivered, or back in a SendException (a sender that
 *   does not find its own message knows another poller took it).
 * - Bounded multi-consumer channels are not built here: SharedBoundedCore gives the
 *   single-consumer bounded core's consumer role to one consumer at a time. Rendezvous ones keep
 *   the lock-based turn in MultiConsumerReceiver, a hand-off to one receiver at a time.
 */

/**
 * The core of an unbounded multi-consumer channel: a JCTools MPMC queue and a stack of parked
 * consumers, woken one per message. See the comment above.
 */
final class MpmcCore<T> extends Core<T> {

    private final MpmcUnboundedXaddArrayQueue<T> queue = new MpmcUnboundedXaddArrayQueue<>(UnboundedCore.CHUNK_SIZE);
    /** Consumers parked on an empty channel (the comment above). */
    private final NodeStack consumerWaiters = new NodeStack();

    MpmcCore(Consumer<? super T> onUndelivered, Ticker ticker) {
        super(onUndelivered, ticker);
    }

    // ---------------------------------------------------------------- buffer

    @Override
    boolean offerNow(T msg) {
        checkNotClosed(msg);
        queue.offer(msg); // XADD on the producer index
        signalAfterOffer(msg); // signal holds no Waiter here: only the terminal states act
        if (!consumerWaiters.isEmpty()) { // volatile read after the index RMW: see the comment above
            consumerWaiters.wakeOne();
        }
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
        return "unbounded, multi-consumer";
    }

    /** Disconnect or close: every parked consumer re-reads the state. */
    @Override
    void wakeAllConsumers() {
        consumerWaiters.wakeAll();
    }

    // ---------------------------------------------------------------- receive operations

    /** Any consumer: the next message, null if none is visible now. */
    T tryRecvAny() {
        return pollOrDisconnect();
    }

    /** Any consumer: waits for a message; null once the deadline passed. */
    T recvAny(boolean timed, long deadline) throws InterruptedException {
        T m = pollOrDisconnect();
        if (m != null) {
            return m;
        }
        return new ConsumerWait(Thread.currentThread()).await(Wait.YIELDS, timed, deadline, ticker);
    }

    /** Any consumer: takes up to max visible messages. */
    int drainAny(Consumer<? super T> sink, int max) {
        return signal == CLOSED ? 0 : drainVisible(sink, max);
    }

    /** One consumer's wait on an empty channel (the comment above). */
    private final class ConsumerWait extends NodeStack.StackWait<T> {

        ConsumerWait(Thread thread) {
            super(consumerWaiters, thread);
        }

        @Override
        T attempt(boolean parkPhase) {
            return pollOrSpin();
        }

        @Override
        boolean ready() {
            return !bufferEmpty() || senders == 0 || signal == CLOSED;
        }
    }
}
