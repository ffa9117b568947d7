package dev.strand.jcstress.channels;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLL_Result;

/**
 * Guarantees 1 and 5 at the sender's end: a message sent before the last sender closes is
 * received before {@code DisconnectedException}, never lost; a receiver waiting in
 * {@code recv} is released by the last close.
 *
 * <p>The channel has two sender handles (the first and a clone). One actor sends a message and
 * closes its handle; the other closes the clone and then receives until disconnected. Either
 * close may be the last one, and the receive loop races with both. Outcome: flavour, how many
 * messages were received, how the loop ended, what the send returned.
 *
 * <p>{@link Broken} runs the same actors over a channel whose receive, on seeing every sender
 * closed, reports the disconnect without looking at the queue again: a message sent between
 * its last poll and the last close is lost.
 */
@JCStressTest
@Outcome(id = ".*, 1 received, disconnected, sent", expect = ACCEPTABLE,
        desc = "The message was received, then the receiver saw the disconnect.")
@Outcome(id = ".*, 0 received, disconnected, sent", expect = FORBIDDEN,
        desc = "Disconnected although a message sent before the last close was never received: lost.")
@Outcome(expect = FORBIDDEN,
        desc = "A duplicate, a refused send, or the message/disconnect seen only after the patience"
                + " ran out (a lost wake-up).")
@State
public class LastSenderCloseTest {

    private final Flavour flavour = Flavour.next();
    private final TestChannel channel = StrandChannels.open(flavour);
    private final TestChannel.Tx clone = channel.tx.copy();
    private final Msg msg = new Msg(1, 2);

    @Actor
    public void sendThenClose(LLLL_Result r) {
        r.r4 = sendThenClose(channel, channel.tx, msg, flavour.sendWaitsForReceiver());
    }

    @Actor
    public void closeCloneThenReceive(LLLL_Result r) {
        clone.close();
        receiveUntilDisconnected(channel, flavour.label, r);
    }

    static String sendThenClose(TestChannel channel, TestChannel.Tx tx, Msg msg, boolean sendWaits) {
        // A rendezvous send waits for the receiver; the patience only keeps a lost wake-up from
        // hanging the run.
        Object sent = sendWaits ? tx.send(msg, channel.patienceNanos) : tx.send(msg);
        tx.close();
        return String.valueOf(sent);
    }

    static void receiveUntilDisconnected(TestChannel channel, String label, LLLL_Result r) {
        int received = 0;
        boolean late = false;
        Object got;
        do {
            long start = System.nanoTime();
            got = channel.rx.recv(channel.patienceNanos);
            late |= System.nanoTime() - start >= channel.patienceNanos;
            if (got instanceof Msg) {
                received++;
            }
        } while (got instanceof Msg);
        r.r1 = label;
        r.r2 = received + " received";
        r.r3 = late ? got + " only after the patience ran out" : String.valueOf(got);
    }

    /**
     * The same race over a channel that reports the disconnect without re-polling: must show
     * the FORBIDDEN "lost" outcome.
     */
    @JCStressTest
    @Outcome(id = ".*, 1 received, disconnected, sent", expect = ACCEPTABLE,
            desc = "The message was received, then the receiver saw the disconnect.")
    @Outcome(id = ".*, 0 received, disconnected, sent", expect = FORBIDDEN,
            desc = "Disconnected although a message sent before the last close was never received: lost.")
    @Outcome(expect = FORBIDDEN,
            desc = "A duplicate, a refused send, or the message/disconnect seen only after the"
                    + " patience ran out (a lost wake-up).")
    @State
    public static class Broken {
        private final TestChannel channel = NoRecheckChannel.open();
        private final TestChannel.Tx clone = channel.tx.copy();
        private final Msg msg = new Msg(1, 2);

        @Actor
        public void sendThenClose(LLLL_Result r) {
            r.r4 = LastSenderCloseTest.sendThenClose(channel, channel.tx, msg, false);
        }

        @Actor
        public void closeCloneThenReceive(LLLL_Result r) {
            clone.close();
            receiveUntilDisconnected(channel, "no re-check", r);
        }
    }

    /**
     * DEFECT ON PURPOSE: an unbounded channel (a queue, a count of open sender handles, a
     * spinning receiver) whose receive trusts "no sender left" without polling once more.
     */
    static final class NoRecheckChannel implements TestChannel.Rx {
        private final ConcurrentLinkedQueue<Msg> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger senders = new AtomicInteger();

        static TestChannel open() {
            NoRecheckChannel c = new NoRecheckChannel();
            return new TestChannel(c.new Handle(), c, new ConcurrentLinkedQueue<>(),
                    TestChannel.BROKEN_PATIENCE_NANOS);
        }

        @Override
        public Object recv(long timeoutNanos) {
            long deadline = System.nanoTime() + timeoutNanos;
            for (;;) {
                Object got = tryRecv();
                if (got != null) {
                    return got;
                }
                if (System.nanoTime() - deadline >= 0) {
                    return tryRecv(); // a last look, in case this thread was descheduled
                }
                Thread.onSpinWait();
            }
        }

        @Override
        public Object tryRecv() {
            Msg m = queue.poll();
            if (m != null) {
                return m;
            }
            // The defect: a send and the last close may both have happened since the poll
            // above; the correct code polls again before reporting the disconnect.
            return senders.get() == 0 ? TestChannel.DISCONNECTED : null;
        }

        @Override
        public void close() {
        }

        private final class Handle implements TestChannel.Tx {
            private final AtomicBoolean closed = new AtomicBoolean();

            Handle() {
                senders.incrementAndGet();
            }

            @Override
            public Object send(Msg m) {
                queue.offer(m);
                return TestChannel.SENT;
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
                return new Handle();
            }

            @Override
            public void close() {
                if (closed.compareAndSet(false, true)) {
                    senders.decrementAndGet();
                }
            }
        }
    }
}
