package dev.strand.jcstress.channels;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * Guarantees 4 and 5 together: a {@code send} blocked on a full bounded channel is released by
 * {@code Receiver.close}, and its message is then either refused (carried by the
 * {@code SendException}) or handed to {@code onUndelivered}, exactly one of the two. The
 * message already buffered goes to {@code onUndelivered}.
 *
 * <p>A bounded channel of capacity 1 holds one message; one actor sends a second one (timed,
 * the patience only as a fallback), the other closes the receiver. Outcome: what the send
 * returned, when, what the {@code onUndelivered} handler got.
 *
 * <p>{@link Broken} runs the same actors over {@link LazyProducerFlagChannel}, whose producer
 * announces that it parks with {@code lazySet}: it can sleep through the close.
 */
@JCStressTest
@Outcome(id = "refused with the message, in time, first", expect = ACCEPTABLE,
        desc = "The send was refused (released by the close if it had parked) and its exception"
                + " carried the message; the buffered one went to onUndelivered.")
@Outcome(id = "sent, in time, first and second", expect = ACCEPTABLE,
        desc = "The send got in as the close emptied the buffer; both messages went to"
                + " onUndelivered.")
@Outcome(id = ".*, only after the patience ran out, .*", expect = FORBIDDEN,
        desc = "The blocked send slept through the close until its patience ran out.")
@Outcome(expect = FORBIDDEN,
        desc = "A message lost, or both refused and handed to onUndelivered, or the send timed out.")
@State
public class BoundedSendVsReceiverCloseTest {

    private final TestChannel channel = StrandChannels.open(Flavour.BOUNDED);
    private final Msg first = new Msg(1, 1);
    private final Msg second = new Msg(2, 2);

    public BoundedSendVsReceiverCloseTest() {
        BoundedSendWakeupTest.fill(channel, first);
    }

    @Actor
    public void sender(LLL_Result r) {
        send(channel, second, r);
    }

    @Actor
    public void closer() {
        channel.rx.close();
    }

    @Arbiter
    public void handler(LLL_Result r) {
        r.r3 = undelivered(channel, first, second);
    }

    static void send(TestChannel channel, Msg second, LLL_Result r) {
        long start = System.nanoTime();
        Object result = channel.tx.send(second, channel.patienceNanos);
        boolean late = System.nanoTime() - start >= channel.patienceNanos;
        r.r1 = result == TestChannel.SENT ? "sent"
                : TestChannel.refusedWith(result, second) ? "refused with the message"
                : String.valueOf(result);
        r.r2 = late ? "only after the patience ran out" : "in time";
    }

    static String undelivered(TestChannel channel, Msg first, Msg second) {
        Object[] got = channel.undelivered.toArray();
        if (got.length == 1 && got[0] == first) {
            return "first";
        }
        if (got.length == 2 && got[0] == first && got[1] == second) {
            return "first and second";
        }
        return got.length + " messages";
    }

    /**
     * The same race over a channel whose producer announces that it parks with
     * {@code lazySet}: must show the FORBIDDEN "slept through the close".
     */
    @JCStressTest
    @Outcome(id = "refused with the message, in time, first", expect = ACCEPTABLE,
            desc = "The send was refused (released by the close if it had parked) and its"
                    + " exception carried the message; the buffered one went to onUndelivered.")
    @Outcome(id = "sent, in time, first and second", expect = ACCEPTABLE,
            desc = "The send got in as the close emptied the buffer; both messages went to"
                    + " onUndelivered.")
    @Outcome(id = ".*, only after the patience ran out, .*", expect = FORBIDDEN,
            desc = "The blocked send slept through the close until its patience ran out.")
    @Outcome(expect = FORBIDDEN,
            desc = "A message lost, or both refused and handed to onUndelivered, or the send"
                    + " timed out.")
    @State
    public static class Broken {
        private final TestChannel channel = LazyProducerFlagChannel.open();
        private final Msg first = new Msg(1, 1);
        private final Msg second = new Msg(2, 2);

        public Broken() {
            BoundedSendWakeupTest.fill(channel, first);
        }

        @Actor
        public void sender(LLL_Result r) {
            send(channel, second, r);
        }

        @Actor
        public void closer() {
            channel.rx.close();
        }

        @Arbiter
        public void handler(LLL_Result r) {
            r.r3 = undelivered(channel, first, second);
        }
    }
}
