package dev.strand.jcstress.channels;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * Multi-consumer channels: each message goes to exactly one receiving thread. A bounded
 * multi-consumer channel holds one message and its sender is closed; two consumers receive
 * from the same receiver at once. One must get the message and the other the disconnect:
 * never both the message (taken twice), never neither (lost). Outcome: flavour, consumer 1,
 * consumer 2. (Two actors: jcstress runs no more actors than there are CPUs.)
 *
 * <p>{@link Broken} runs the same actors over a channel whose consumers take the message with a
 * check-then-clear of one slot instead of an atomic take: both can see the message before
 * either clears it.
 */
@JCStressTest
@Outcome(id = {".*, received, disconnected", ".*, disconnected, received"}, expect = ACCEPTABLE,
        desc = "One consumer took the message, the other saw the disconnect.")
@Outcome(id = ".*, received, received", expect = FORBIDDEN, desc = "The message was taken twice.")
@Outcome(expect = FORBIDDEN, desc = "The message was lost, or a receive waited out its patience.")
@State
public class MultiConsumerTakeOnceTest {

    private final TestChannel channel = StrandChannels.openMultiConsumer(Flavour.BOUNDED);
    private final Msg msg = new Msg(1, 2);

    /** Prefills the channel outside the race and closes its only sender. */
    public MultiConsumerTakeOnceTest() {
        channel.tx.send(msg);
        channel.tx.close();
    }

    @Actor
    public void consumer1(LLL_Result r) {
        r.r1 = Flavour.BOUNDED.label;
        r.r2 = outcome(channel.rx.recv(channel.patienceNanos), msg);
    }

    @Actor
    public void consumer2(LLL_Result r) {
        r.r3 = outcome(channel.rx.recv(channel.patienceNanos), msg);
    }

    static String outcome(Object got, Msg msg) {
        return got == msg ? "received" : String.valueOf(got);
    }

    /** The same race over a channel whose take is check-then-clear: must show "received, received". */
    @JCStressTest
    @Outcome(id = {".*, received, disconnected", ".*, disconnected, received"}, expect = ACCEPTABLE,
            desc = "One consumer took the message, the other saw the disconnect.")
    @Outcome(id = ".*, received, received", expect = FORBIDDEN, desc = "The message was taken twice.")
    @Outcome(expect = FORBIDDEN, desc = "The message was lost, or a receive waited out its patience.")
    @State
    public static class Broken {
        private final SlotChannel channel = new SlotChannel();
        private final Msg msg = new Msg(1, 2);

        /** Prefills the slot and closes the channel, as the Strand test does. */
        public Broken() {
            channel.send(msg);
            channel.closed = true;
        }

        @Actor
        public void consumer1(LLL_Result r) {
            r.r1 = "check-then-clear slot";
            r.r2 = outcome(channel.recv(), msg);
        }

        @Actor
        public void consumer2(LLL_Result r) {
            r.r3 = outcome(channel.recv(), msg);
        }
    }

    /**
     * DEFECT ON PURPOSE: a one-slot multi-consumer channel whose take reads the slot and then
     * clears it with a plain write; the correct take is one atomic step (a CAS or a lock).
     */
    static final class SlotChannel {
        volatile Msg slot;
        volatile boolean closed;

        void send(Msg m) {
            slot = m;
        }

        Object recv() {
            long deadline = System.nanoTime() + TestChannel.BROKEN_PATIENCE_NANOS;
            while (System.nanoTime() < deadline) {
                Msg m = slot;
                if (m != null) {
                    slot = null; // the defect: another consumer may have read m already
                    return m;
                }
                if (closed && slot == null) {
                    return TestChannel.DISCONNECTED;
                }
                Thread.onSpinWait();
            }
            return TestChannel.TIMED_OUT;
        }
    }
}
