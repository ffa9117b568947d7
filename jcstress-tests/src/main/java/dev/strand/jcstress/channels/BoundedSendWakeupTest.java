package dev.strand.jcstress.channels;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLL_Result;

/**
 * Guarantee 3 on the producer's side: a {@code send} blocked on a full bounded channel wakes
 * when the receiver frees a slot.
 *
 * <p>A bounded channel of capacity 1 holds one message. One actor sends a second one (timed,
 * with the patience only as a fallback); the other receives, freeing the slot at the moment the
 * sender finds it full and parks. The arbiter takes what is left. Outcome: what the send
 * returned, when, what the receiver got, what was left.
 *
 * <p>{@link Broken} runs the same actors over {@link LazyProducerFlagChannel}, whose producer
 * announces that it parks with {@code lazySet}: it can sleep through the freed slot.
 */
@JCStressTest
@Outcome(id = "sent, in time, took the first, then the second", expect = ACCEPTABLE,
        desc = "The blocked send was woken by the receive and its message came next.")
@Outcome(id = "sent, only after the patience ran out, .*", expect = FORBIDDEN,
        desc = "The send slept through the freed slot until its patience ran out: a lost wake-up.")
@Outcome(expect = FORBIDDEN,
        desc = "The send timed out or was refused, or messages were lost, duplicated or reordered.")
@State
public class BoundedSendWakeupTest {

    private final TestChannel channel = StrandChannels.open(Flavour.BOUNDED);
    private final Msg first = new Msg(1, 1);
    private final Msg second = new Msg(2, 2);

    public BoundedSendWakeupTest() {
        fill(channel, first);
    }

    @Actor
    public void sender(LLLL_Result r) {
        sendOnFull(channel, second, r);
    }

    @Actor
    public void receiver(LLLL_Result r) {
        r.r3 = channel.rx.recv(channel.patienceNanos) == first ? "took the first" : "took another";
    }

    @Arbiter
    public void rest(LLLL_Result r) {
        r.r4 = rest(channel, second);
    }

    static void fill(TestChannel channel, Msg first) {
        if (channel.tx.trySend(first) != TestChannel.SENT || channel.tx.trySend(first) != TestChannel.FULL) {
            throw new IllegalStateException("a bounded channel of capacity 1 must take one message");
        }
    }

    static void sendOnFull(TestChannel channel, Msg second, LLLL_Result r) {
        long start = System.nanoTime();
        Object result = channel.tx.send(second, channel.patienceNanos);
        boolean late = System.nanoTime() - start >= channel.patienceNanos;
        r.r1 = result == TestChannel.SENT ? "sent"
                : TestChannel.refusedWith(result, second) ? "refused" : String.valueOf(result);
        r.r2 = late ? "only after the patience ran out" : "in time";
    }

    static String rest(TestChannel channel, Msg second) {
        Object left = channel.rx.tryRecv();
        Object after = channel.rx.tryRecv();
        if (after != null) {
            return "more than one left";
        }
        return left == second ? "then the second" : left == null ? "nothing left" : "then another";
    }

    /**
     * The same race over a channel whose producer announces that it parks with
     * {@code lazySet}: must show the FORBIDDEN lost wake-up.
     */
    @JCStressTest
    @Outcome(id = "sent, in time, took the first, then the second", expect = ACCEPTABLE,
            desc = "The blocked send was woken by the receive and its message came next.")
    @Outcome(id = "sent, only after the patience ran out, .*", expect = FORBIDDEN,
            desc = "The send slept through the freed slot until its patience ran out: a lost"
                    + " wake-up.")
    @Outcome(expect = FORBIDDEN,
            desc = "The send timed out or was refused, or messages were lost, duplicated or"
                    + " reordered.")
    @State
    public static class Broken {
        private final TestChannel channel = LazyProducerFlagChannel.open();
        private final Msg first = new Msg(1, 1);
        private final Msg second = new Msg(2, 2);

        public Broken() {
            fill(channel, first);
        }

        @Actor
        public void sender(LLLL_Result r) {
            sendOnFull(channel, second, r);
        }

        @Actor
        public void receiver(LLLL_Result r) {
            r.r3 = channel.rx.recv(channel.patienceNanos) == first ? "took the first" : "took another";
        }

        @Arbiter
        public void rest(LLLL_Result r) {
            r.r4 = BoundedSendWakeupTest.rest(channel, second);
        }
    }
}
