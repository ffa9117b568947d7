package dev.strand.jcstress.channels;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.ConcurrentLinkedQueue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLL_Result;

/**
 * Guarantee 4: a {@code send} racing with {@code Receiver.close} either delivers (the message
 * is received, or handed to {@code onUndelivered}) or throws {@code SendException} carrying the
 * message; never both, never neither.
 *
 * <p>One actor sends a message (a rendezvous send waits, with the patience as fallback); the
 * other takes whatever is there with {@code tryRecv} and closes the receiver. The arbiter looks
 * at what the {@code onUndelivered} handler got. Outcome: flavour, what the send did, what the
 * receiver took, what the handler got.
 *
 * <p>{@link Broken} runs the same actors over a channel whose send checks "closed" and then
 * enqueues, while close sets "closed" and drains: a message enqueued just after the drain is
 * neither received, nor handed back, nor refused.
 */
@JCStressTest
@Outcome(id = ".*, sent, received, none", expect = ACCEPTABLE,
        desc = "Sent and received before the close.")
@Outcome(id = ".*, sent, not received, handed to onUndelivered", expect = ACCEPTABLE,
        desc = "Sent; the close handed it to onUndelivered.")
@Outcome(id = ".*, refused with the message, not received, none", expect = ACCEPTABLE,
        desc = "The send saw the receiver closed and its SendException carried the message.")
@Outcome(id = ".*, sent, not received, none", expect = FORBIDDEN,
        desc = "The send succeeded but the message was neither received nor handed to"
                + " onUndelivered: lost.")
@Outcome(expect = FORBIDDEN,
        desc = "Delivered and refused, delivered twice, a wrong message, or a send still blocked"
                + " when its patience ran out.")
@State
public class ReceiverCloseTest {

    private final Flavour flavour = Flavour.next();
    private final TestChannel channel = StrandChannels.open(flavour);
    private final Msg msg = new Msg(1, 2);

    @Actor
    public void sender(LLLL_Result r) {
        r.r1 = flavour.label;
        r.r2 = send(channel, msg, flavour.sendWaitsForReceiver());
    }

    @Actor
    public void receiver(LLLL_Result r) {
        r.r3 = takeThenClose(channel, msg);
    }

    @Arbiter
    public void handler(LLLL_Result r) {
        r.r4 = undelivered(channel, msg);
    }

    static String send(TestChannel channel, Msg msg, boolean sendWaits) {
        // A rendezvous send waits for a taker or the close; the patience only keeps a send that
        // the close failed to release from hanging the run.
        Object result = sendWaits ? channel.tx.send(msg, channel.patienceNanos)
                : channel.tx.send(msg);
        if (result == TestChannel.SENT) {
            return "sent";
        }
        if (TestChannel.refusedWith(result, msg)) {
            return "refused with the message";
        }
        return String.valueOf(result);
    }

    static String takeThenClose(TestChannel channel, Msg msg) {
        Object got = channel.rx.tryRecv();
        channel.rx.close();
        return got == null ? "not received" : got == msg ? "received" : "received " + got;
    }

    static String undelivered(TestChannel channel, Msg msg) {
        int n = channel.undelivered.size();
        if (n == 0) {
            return "none";
        }
        return n == 1 && channel.undelivered.peek() == msg
                ? "handed to onUndelivered" : n + " handed to onUndelivered";
    }

    /**
     * The same race over a channel whose send checks "closed" before enqueuing and never
     * after: must show the FORBIDDEN "lost" outcome.
     */
    @JCStressTest
    @Outcome(id = ".*, sent, received, none", expect = ACCEPTABLE,
            desc = "Sent and received before the close.")
    @Outcome(id = ".*, sent, not received, handed to onUndelivered", expect = ACCEPTABLE,
            desc = "Sent; the close handed it to onUndelivered.")
    @Outcome(id = ".*, refused with the message, not received, none", expect = ACCEPTABLE,
            desc = "The send saw the receiver closed and its SendException carried the message.")
    @Outcome(id = ".*, sent, not received, none", expect = FORBIDDEN,
            desc = "The send succeeded but the message was neither received nor handed to"
                    + " onUndelivered: lost.")
    @Outcome(expect = FORBIDDEN,
            desc = "Delivered and refused, delivered twice, a wrong message, or a send still"
                    + " blocked when its patience ran out.")
    @State
    public static class Broken {
        private final TestChannel channel = CheckThenEnqueueChannel.open();
        private final Msg msg = new Msg(1, 2);

        @Actor
        public void sender(LLLL_Result r) {
            r.r1 = "check then enqueue";
            r.r2 = send(channel, msg, false);
        }

        @Actor
        public void receiver(LLLL_Result r) {
            r.r3 = takeThenClose(channel, msg);
        }

        @Arbiter
        public void handler(LLLL_Result r) {
            r.r4 = undelivered(channel, msg);
        }
    }

    /**
     * DEFECT ON PURPOSE: send checks the closed flag, then enqueues, and never looks again;
     * close sets the flag and drains what is queued to onUndelivered.
     */
    static final class CheckThenEnqueueChannel extends BrokenChannel {
        private final ConcurrentLinkedQueue<Msg> queue = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Msg> undelivered = new ConcurrentLinkedQueue<>();
        private volatile boolean closed;

        static TestChannel open() {
            CheckThenEnqueueChannel c = new CheckThenEnqueueChannel();
            return c.channel(c.undelivered);
        }

        @Override
        public Object send(Msg m) {
            if (closed) {
                return m;
            }
            // The defect: the receiver may close and drain right here; the correct code
            // re-checks "closed" after enqueuing and then takes the message back.
            queue.offer(m);
            return TestChannel.SENT;
        }

        @Override
        public Object tryRecv() {
            return queue.poll();
        }

        @Override
        public void close() {
            closed = true;
            for (Msg m; (m = queue.poll()) != null; ) {
                undelivered.add(m);
            }
        }
    }
}
