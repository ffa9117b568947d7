package dev.strand.jcstress.channels;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * Multi-consumer channels, no lost wake-up with two parked consumers: while two consumers wait
 * on an empty channel and one of them gives up, a message sent then wakes the other.
 *
 * <p>Two actors, both consumers of one multi-consumer receiver (jcstress runs no more actors
 * than there are CPUs, so the first consumer is also the producer). Consumer 1 receives with a
 * short timeout, long enough for both to be parked at once (for an unbounded channel both on its
 * stack of parked consumers; for a bounded one, one in the channel holding the consumer role and
 * the other waiting for the role; for a rendezvous one, one in the channel and the other for its
 * turn), then sends one message; consumer 2 receives with the patience. Consumer 1 always
 * times out (nothing was sent before), and consumer 2 must get the message without waiting out
 * its patience, whichever of them was waiting where when consumer 1 left. Outcome: flavour,
 * consumer 1, consumer 2.
 *
 * <p>{@link Broken} runs the same actors over {@code RecvWakeupTest.LazyParkFlagChannel}, a
 * channel with one waiter slot for every consumer, which a consumer leaving clears
 * unconditionally: consumer 1, leaving on timeout, erases consumer 2's registration, and its
 * send then wakes nobody. (The correct channel gives every parked consumer its own node on a
 * stack, which the consumer leaving marks done and the send skips; a rendezvous one lets one
 * consumer at a time wait in the channel and withdraws a waiter only if it is still its own.)
 */
@JCStressTest
@Outcome(id = ".*, timed out, received in time", expect = ACCEPTABLE,
        desc = "Consumer 1 timed out; consumer 2 was woken by the send and got the message.")
@Outcome(id = ".*, received only after the patience ran out", expect = FORBIDDEN,
        desc = "Consumer 2 stayed parked with the message sent and woke only when its patience"
                + " ran out: a lost wake-up.")
@Outcome(expect = FORBIDDEN,
        desc = "Consumer 1 received a message nobody had sent yet, or consumer 2 gave up.")
@State
public class MultiConsumerWakeupTest {

    /** Consumer 1's timeout: long enough for both consumers to be parked at once. */
    static final long FIRST_TIMEOUT_NANOS = 100_000;

    private final Flavour flavour = Flavour.next();
    private final TestChannel channel = StrandChannels.openMultiConsumer(flavour);
    private final Msg msg = new Msg(1, 2);

    @Actor
    public void consumer1ThenProducer(LLL_Result r) {
        r.r1 = flavour.label;
        r.r2 = firstConsumerThenSend(channel, msg, flavour.sendWaitsForReceiver());
    }

    @Actor
    public void consumer2(LLL_Result r) {
        r.r3 = secondConsumer(channel, msg);
    }

    static String firstConsumerThenSend(TestChannel channel, Msg msg, boolean sendWaits) {
        Object got = channel.rx.recv(FIRST_TIMEOUT_NANOS);
        RecvWakeupTest.send(channel, msg, sendWaits);
        return got == null ? "timed out" : String.valueOf(got);
    }

    static String secondConsumer(TestChannel channel, Msg msg) {
        long start = System.nanoTime();
        Object got = channel.rx.recv(channel.patienceNanos);
        boolean late = System.nanoTime() - start >= channel.patienceNanos;
        if (got != msg) {
            return String.valueOf(got);
        }
        return late ? "received only after the patience ran out" : "received in time";
    }

    /** The same race over a channel with one waiter slot: must show the lost wake-up. */
    @JCStressTest
    @Outcome(id = ".*, timed out, received in time", expect = ACCEPTABLE,
            desc = "Consumer 1 timed out; consumer 2 was woken by the send and got the message.")
    @Outcome(id = ".*, received only after the patience ran out", expect = FORBIDDEN,
            desc = "Consumer 2 stayed parked with the message sent and woke only when its"
                    + " patience ran out: a lost wake-up.")
    @Outcome(expect = FORBIDDEN,
            desc = "Consumer 1 received a message nobody had sent yet, or consumer 2 gave up.")
    @State
    public static class Broken {
        private final TestChannel channel = RecvWakeupTest.LazyParkFlagChannel.open();
        private final Msg msg = new Msg(1, 2);

        @Actor
        public void consumer1ThenProducer(LLL_Result r) {
            r.r1 = "one waiter slot";
            r.r2 = firstConsumerThenSend(channel, msg, false);
        }

        @Actor
        public void consumer2(LLL_Result r) {
            r.r3 = secondConsumer(channel, msg);
        }
    }
}
