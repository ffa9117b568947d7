package dev.strand.jcstress.channels;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * The rendezvous hand-off: a timed {@code send} reports success exactly when a receiver took
 * the message, and a send that gave up leaves nothing behind.
 *
 * <p>One actor sends with a short timeout, the other receives with a short timeout, so that
 * they now meet, now miss each other, and now the hand-off happens just as one of them gives up
 * (the race that matters). The arbiter checks that nothing is left in the channel. Outcome:
 * what the send returned, what the receive returned, what was left.
 *
 * <p>{@link Broken} runs the same actors over a one-slot hand-off whose sender, giving up,
 * withdraws its offer with a plain write instead of a compare-and-set: a receiver that took the
 * message a moment before is ignored, and the send reports a timeout for a delivered message.
 */
@JCStressTest
@Outcome(id = "sent, received, nothing left", expect = ACCEPTABLE,
        desc = "They met: the send returned once the receiver had the message.")
@Outcome(id = "timed out, nothing, nothing left", expect = ACCEPTABLE,
        desc = "They missed each other; the send gave up and took its message back.")
@Outcome(id = "timed out, received, .*", expect = FORBIDDEN,
        desc = "The send reported a timeout but the receiver got the message (a retry would"
                + " deliver it twice).")
@Outcome(id = "sent, nothing, .*", expect = FORBIDDEN,
        desc = "The send reported success but nobody received the message: lost.")
@Outcome(expect = FORBIDDEN,
        desc = "A message left behind by a send that ended, or anything else.")
@State
public class RendezvousHandoffTest {

    /** The sender's timeout: short, so that it often ends just as the receiver arrives. */
    static final long SEND_TIMEOUT_NANOS = 20_000;
    /** The receiver's timeout. */
    static final long RECV_TIMEOUT_NANOS = 20_000;

    private final TestChannel channel = StrandChannels.open(Flavour.RENDEZVOUS);
    private final Msg msg = new Msg(1, 2);

    @Actor
    public void sender(LLL_Result r) {
        r.r1 = send(channel, msg);
    }

    @Actor
    public void receiver(LLL_Result r) {
        r.r2 = receive(channel, msg);
    }

    @Arbiter
    public void leftover(LLL_Result r) {
        r.r3 = leftover(channel);
    }

    static String send(TestChannel channel, Msg msg) {
        Object result = channel.tx.send(msg, SEND_TIMEOUT_NANOS);
        return result == TestChannel.SENT ? "sent" : String.valueOf(result);
    }

    static String receive(TestChannel channel, Msg msg) {
        Object got = channel.rx.recv(RECV_TIMEOUT_NANOS);
        return got == null ? "nothing" : got == msg ? "received" : String.valueOf(got);
    }

    static String leftover(TestChannel channel) {
        return channel.rx.tryRecv() == null ? "nothing left" : "a message left";
    }

    /**
     * The same race over a hand-off whose sender withdraws with a plain write: must show the
     * FORBIDDEN "timed out, received".
     */
    @JCStressTest
    @Outcome(id = "sent, received, nothing left", expect = ACCEPTABLE,
            desc = "They met: the send returned once the receiver had the message.")
    @Outcome(id = "timed out, nothing, nothing left", expect = ACCEPTABLE,
            desc = "They missed each other; the send gave up and took its message back.")
    @Outcome(id = "timed out, received, .*", expect = FORBIDDEN,
            desc = "The send reported a timeout but the receiver got the message (a retry would"
                    + " deliver it twice).")
    @Outcome(id = "sent, nothing, .*", expect = FORBIDDEN,
            desc = "The send reported success but nobody received the message: lost.")
    @Outcome(expect = FORBIDDEN,
            desc = "A message left behind by a send that ended, or anything else.")
    @State
    public static class Broken {
        private final TestChannel channel = PlainWithdrawHandoff.open();
        private final Msg msg = new Msg(1, 2);

        @Actor
        public void sender(LLL_Result r) {
            r.r1 = send(channel, msg);
        }

        @Actor
        public void receiver(LLL_Result r) {
            r.r2 = receive(channel, msg);
        }

        @Arbiter
        public void leftover(LLL_Result r) {
            r.r3 = RendezvousHandoffTest.leftover(channel);
        }
    }

    /**
     * DEFECT ON PURPOSE: a one-slot hand-off (the sender offers its message in the slot and
     * waits for a receiver to take it with a compare-and-set) whose sender, giving up, clears
     * the slot with a plain write instead of {@code compareAndSet(msg, null)}, and so cannot
     * tell that a receiver took the message a moment earlier. Both sides spin.
     */
    static final class PlainWithdrawHandoff extends BrokenChannel {
        private final AtomicReference<Msg> slot = new AtomicReference<>();

        static TestChannel open() {
            PlainWithdrawHandoff c = new PlainWithdrawHandoff();
            return c.channel();
        }

        @Override
        public Object send(Msg m, long timeoutNanos) {
            long deadline = System.nanoTime() + timeoutNanos;
            slot.set(m);
            while (slot.get() == m) {
                if (System.nanoTime() - deadline >= 0) {
                    // The defect: a receiver may have taken m since the check above.
                    slot.set(null);
                    return TestChannel.TIMED_OUT;
                }
                Thread.onSpinWait();
            }
            return TestChannel.SENT;
        }

        @Override
        public Object send(Msg m) {
            return send(m, Long.MAX_VALUE);
        }

        @Override
        public Object trySend(Msg m) {
            return TestChannel.FULL;
        }

        @Override
        public Object tryRecv() {
            Msg m = slot.get();
            return m != null && slot.compareAndSet(m, null) ? m : null;
        }

        @Override
        public Object recv(long timeoutNanos) {
            long deadline = System.nanoTime() + timeoutNanos;
            for (;;) {
                Object m = tryRecv();
                if (m != null) {
                    return m;
                }
                if (System.nanoTime() - deadline >= 0) {
                    return tryRecv(); // a last look, in case this thread was descheduled
                }
                Thread.onSpinWait();
            }
        }
    }
}
