package dev.strand.jcstress.channels;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * Guarantee 3, no lost wake-up: a receiver parked in {@code recv} always wakes for a message.
 *
 * <p>One actor sends; the other calls {@code recv} at the same moment, so that now the message
 * is already there, now the receiver has announced that it parks and the sender must wake it,
 * and now both happen at once. The receive is timed with the patience only as a
 * fallback: a receive that returned only when the patience ran out missed its wake-up.
 * Outcome: flavour, what the receive returned, when.
 *
 * <p>{@link Broken} runs the same actors over a channel whose receiver announces that it parks
 * with {@code lazySet} (a release store, no StoreLoad fence): the receiver's re-check of the
 * queue can then be ordered before its announcement, the sender sees no waiter, and the
 * receiver parks with the message in the queue.
 */
@JCStressTest
@Outcome(id = ".*, received, in time", expect = ACCEPTABLE,
        desc = "The receive returned the message without waiting out its patience.")
@Outcome(id = ".*, received, only after the patience ran out", expect = FORBIDDEN,
        desc = "The receiver parked with the message sent and woke only when its patience ran out:"
                + " a lost wake-up.")
@Outcome(expect = FORBIDDEN,
        desc = "The receive gave up (null) or returned something else although a message was sent.")
@State
public class RecvWakeupTest {

    private final Flavour flavour = Flavour.next();
    private final TestChannel channel = StrandChannels.open(flavour);
    private final Msg msg = new Msg(1, 2);

    @Actor
    public void sender() {
        send(channel, msg, flavour.sendWaitsForReceiver());
    }

    @Actor
    public void receiver(LLL_Result r) {
        receive(channel, msg, flavour.label, r);
    }

    static void send(TestChannel channel, Msg msg, boolean sendWaits) {
        if (sendWaits) {
            // A rendezvous send waits for the receiver; the patience keeps a lost wake-up from
            // hanging the run (the receiver reports it).
            channel.tx.send(msg, channel.patienceNanos);
        } else {
            channel.tx.send(msg);
        }
    }

    static void receive(TestChannel channel, Msg msg, String label, LLL_Result r) {
        long start = System.nanoTime();
        Object got = channel.rx.recv(channel.patienceNanos);
        boolean late = System.nanoTime() - start >= channel.patienceNanos;
        r.r1 = label;
        r.r2 = got == msg ? "received" : String.valueOf(got);
        r.r3 = late ? "only after the patience ran out" : "in time";
    }

    /**
     * The same race over a channel that announces the parked receiver with {@code lazySet}:
     * must show the FORBIDDEN lost wake-up.
     */
    @JCStressTest
    @Outcome(id = ".*, received, in time", expect = ACCEPTABLE,
            desc = "The receive returned the message without waiting out its patience.")
    @Outcome(id = ".*, received, only after the patience ran out", expect = FORBIDDEN,
            desc = "The receiver parked with the message sent and woke only when its patience ran"
                    + " out: a lost wake-up.")
    @Outcome(expect = FORBIDDEN,
            desc = "The receive gave up (null) or returned something else although a message was"
                    + " sent.")
    @State
    public static class Broken {
        private final TestChannel channel = LazyParkFlagChannel.open();
        private final Msg msg = new Msg(1, 2);

        @Actor
        public void sender() {
            send(channel, msg, false);
        }

        @Actor
        public void receiver(LLL_Result r) {
            receive(channel, msg, "lazySet park flag", r);
        }
    }

    /**
     * DEFECT ON PURPOSE: an unbounded channel with the usual parking protocol (announce the
     * waiter, re-check, park; the sender enqueues, then wakes the announced waiter), except
     * that the announcement is a {@code lazySet}. A second defect shows only with several
     * consumers ({@code MultiConsumerWakeupTest.Broken}): one waiter slot for all of them,
     * cleared by whichever leaves, even if another consumer has announced itself since.
     */
    static final class LazyParkFlagChannel extends BrokenChannel {
        private final ConcurrentLinkedQueue<Msg> queue = new ConcurrentLinkedQueue<>();
        private final AtomicReference<Thread> waiter = new AtomicReference<>();

        static TestChannel open() {
            LazyParkFlagChannel c = new LazyParkFlagChannel();
            return c.channel();
        }

        @Override
        public Object send(Msg m) {
            queue.offer(m);
            Thread w = waiter.get();
            if (w != null) {
                LockSupport.unpark(w);
            }
            return TestChannel.SENT;
        }

        @Override
        public Object tryRecv() {
            return queue.poll();
        }

        @Override
        public Object recv(long timeoutNanos) {
            long deadline = System.nanoTime() + timeoutNanos;
            try {
                for (;;) {
                    Msg m = queue.poll();
                    if (m != null) {
                        return m;
                    }
                    // The defect: a release store may stay in the store buffer while the poll
                    // below reads the queue; the correct code uses a volatile set (or a CAS).
                    waiter.lazySet(Thread.currentThread());
                    m = queue.poll();
                    if (m != null) {
                        return m;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return queue.poll(); // a last look, in case this thread was descheduled
                    }
                    LockSupport.parkNanos(this, left);
                }
            } finally {
                waiter.lazySet(null);
            }
        }
    }
}
