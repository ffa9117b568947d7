package dev.strand.jcstress.channels;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * A rendezvous {@code trySend} racing a timed {@code recv}: {@code trySend} succeeds exactly
 * when the receiver returns its message. A receiver is visible to {@code trySend} from the
 * moment it enters {@code recv}, so the race that matters is the receiver <i>leaving</i> (its
 * timeout) just as {@code trySend} sees it there.
 *
 * <p>One actor receives with a short timeout; the other waits a different time in each sample (spreading its one {@code trySend} over the receiver's whole call, its end
 * included), then calls {@code trySend} once. The arbiter checks that nothing was left in the
 * channel. Outcome: what {@code trySend} returned, what the receive returned, what was left.
 *
 * <p>{@link Broken} runs the same actors over a hand-off whose receiver announces itself with a
 * flag and leaves by clearing it, while {@code trySend} checks the flag and then places its
 * message: a receiver leaving between the two leaves an accepted message behind, unreceived.
 */
@JCStressTest
@Outcome(id = "sent, received, nothing left", expect = ACCEPTABLE,
        desc = "trySend found the receiver in recv, which returned the message.")
@Outcome(id = "full, nothing, nothing left", expect = ACCEPTABLE,
        desc = "trySend came before the receiver entered recv or after it left: refused, and"
                + " the receive timed out.")
@Outcome(id = "sent, nothing, .*", expect = FORBIDDEN,
        desc = "trySend reported success but the receive did not return the message: accepted,"
                + " not received.")
@Outcome(id = "full, received, .*", expect = FORBIDDEN,
        desc = "trySend reported a refusal but the receiver got the message: a retry would"
                + " deliver it twice.")
@Outcome(expect = FORBIDDEN, desc = "A message left behind in the channel, or anything else.")
@State
public class RendezvousTrySendTest {

    /**
     * The sender's delays cycle through {@code 0 .. MAX_DELAY_NANOS}, twice the receiver's
     * timeout ({@code RendezvousHandoffTest.RECV_TIMEOUT_NANOS}).
     */
    static final int MAX_DELAY_NANOS = 40_000;
    private static final AtomicInteger SAMPLES = new AtomicInteger();

    private final TestChannel channel = StrandChannels.open(Flavour.RENDEZVOUS);
    private final Msg msg = new Msg(1, 2);
    private final int delayNanos = nextDelay();

    @Actor
    public void sender(LLL_Result r) {
        r.r1 = trySend(channel, msg, delayNanos);
    }

    @Actor
    public void receiver(LLL_Result r) {
        r.r2 = RendezvousHandoffTest.receive(channel, msg);
    }

    @Arbiter
    public void leftover(LLL_Result r) {
        r.r3 = RendezvousHandoffTest.leftover(channel);
    }

    /** The next sample's delay; a prime stride spreads the delays over the whole range. */
    static int nextDelay() {
        return Math.floorMod(SAMPLES.getAndAdd(997), MAX_DELAY_NANOS + 1);
    }

    static String trySend(TestChannel channel, Msg msg, int delayNanos) {
        long until = System.nanoTime() + delayNanos;
        while (System.nanoTime() - until < 0) {
            Thread.onSpinWait();
        }
        Object result = channel.tx.trySend(msg);
        return result == TestChannel.SENT ? "sent" : String.valueOf(result);
    }

    /**
     * The same race over a flag-announced hand-off: must show the FORBIDDEN "sent, nothing".
     */
    @JCStressTest
    @Outcome(id = "sent, received, nothing left", expect = ACCEPTABLE,
            desc = "trySend found the receiver in recv, which returned the message.")
    @Outcome(id = "full, nothing, nothing left", expect = ACCEPTABLE,
            desc = "trySend came before the receiver entered recv or after it left: refused, and"
                    + " the receive timed out.")
    @Outcome(id = "sent, nothing, .*", expect = FORBIDDEN,
            desc = "trySend reported success but the receive did not return the message:"
                    + " accepted, not received.")
    @Outcome(id = "full, received, .*", expect = FORBIDDEN,
            desc = "trySend reported a refusal but the receiver got the message: a retry would"
                    + " deliver it twice.")
    @Outcome(expect = FORBIDDEN, desc = "A message left behind in the channel, or anything else.")
    @State
    public static class Broken {
        private final TestChannel channel = FlagAnnouncedHandoff.open();
        private final Msg msg = new Msg(1, 2);
        private final int delayNanos = nextDelay();

        @Actor
        public void sender(LLL_Result r) {
            r.r1 = trySend(channel, msg, delayNanos);
        }

        @Actor
        public void receiver(LLL_Result r) {
            r.r2 = RendezvousHandoffTest.receive(channel, msg);
        }

        @Arbiter
        public void leftover(LLL_Result r) {
            r.r3 = RendezvousHandoffTest.leftover(channel);
        }
    }

    /**
     * DEFECT ON PURPOSE: a one-slot hand-off whose receiver raises a flag on entering recv and
     * lowers it on leaving, and whose {@code trySend} places its message when it sees the flag
     * raised. Nothing arbitrates between the receiver leaving and a {@code trySend} that saw it a
     * moment before (the correct hand-off has one compare-and-set decide: the receiver closing
     * its hole, or trySend filling it).
     */
    static final class FlagAnnouncedHandoff extends BrokenChannel {
        private final AtomicReference<Msg> slot = new AtomicReference<>();
        private volatile boolean receiving;

        static TestChannel open() {
            FlagAnnouncedHandoff c = new FlagAnnouncedHandoff();
            return c.channel();
        }

        @Override
        public Object trySend(Msg m) {
            if (!receiving) {
                return TestChannel.FULL;
            }
            // The defect: the receiver may have left since the check above.
            return slot.compareAndSet(null, m) ? TestChannel.SENT : TestChannel.FULL;
        }

        @Override
        public Object send(Msg m, long timeoutNanos) {
            return trySend(m);
        }

        @Override
        public Object send(Msg m) {
            return trySend(m);
        }

        @Override
        public Object tryRecv() {
            return slot.getAndSet(null);
        }

        @Override
        public Object recv(long timeoutNanos) {
            long deadline = System.nanoTime() + timeoutNanos;
            receiving = true;
            try {
                for (;;) {
                    Object m = slot.getAndSet(null);
                    if (m != null || System.nanoTime() - deadline >= 0) {
                        return m;
                    }
                    Thread.onSpinWait();
                }
            } finally {
                receiving = false;
            }
        }
    }
}
