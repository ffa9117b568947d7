package dev.strand.jcstress.channels;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.strand.channels.Channel;
import dev.strand.channels.DisconnectedException;
import dev.strand.channels.Select;
import dev.strand.channels.Selected;
import dev.strand.channels.Sender;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * No lost wake-up for a {@code Select}: a select waiting on two receivers wakes for a send to
 * either of them, and returns that message from that receiver.
 *
 * <p>One actor runs {@code Select.of(a, b).recv(patience)}; the other sends one message to
 * {@code a} in one sample and to {@code b} in the next (the flavour of both channels rotates
 * too), so that now the message is there before the select looks, now the select has published
 * its waiter in both channels and the send must wake it, and now both happen at once. The
 * patience is only a fallback: a select that returned only because it ran out missed its
 * wake-up. (Two actors: the select stands for the two consumers, one thread polling both;
 * jcstress runs no more actors than there are CPUs.) Outcome: flavour and target, what the
 * select returned, when.
 *
 * <p>{@link Broken} runs the same actors over a homemade select over two queues whose waiter
 * is published in each with {@code lazySet} (a release store, no StoreLoad fence): its re-check
 * of the queues can be ordered before the publication, the sender sees no waiter, and the
 * select parks with the message sent.
 */
@JCStressTest
@Outcome(id = {".*, to a, from a, in time", ".*, to b, from b, in time"}, expect = ACCEPTABLE,
        desc = "The select returned the message from the receiver it was sent to, without"
                + " waiting out its patience.")
@Outcome(id = ".*, only after the patience ran out", expect = FORBIDDEN,
        desc = "The select parked with the message sent and woke only when its patience ran out:"
                + " a lost wake-up.")
@Outcome(expect = FORBIDDEN,
        desc = "The select gave up, or returned the message from the wrong receiver.")
@State
public class SelectWakeupTest {

    private static final AtomicInteger SAMPLES = new AtomicInteger();

    private final Flavour flavour = Flavour.next();
    /** Alternates; with three flavours every (flavour, target) pair comes up in turn. */
    private final boolean toB = (SAMPLES.getAndIncrement() & 1) == 1;
    private final Channel<Msg> a = StrandChannels.build(flavour, false, new ConcurrentLinkedQueue<>());
    private final Channel<Msg> b = StrandChannels.build(flavour, false, new ConcurrentLinkedQueue<>());
    private final Select<Msg> select = Select.of(a.receiver(), b.receiver());
    private final Msg msg = new Msg(1, 2);

    @Actor
    public void sender() {
        Sender<Msg> tx = (toB ? b : a).sender();
        try {
            if (flavour.sendWaitsForReceiver()) {
                // The patience keeps a lost wake-up from hanging the run (the select reports it).
                tx.send(msg, Duration.ofNanos(TestChannel.PATIENCE_NANOS));
            } else {
                tx.send(msg);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("no test interrupts its actors", e);
        }
    }

    @Actor
    public void selector(LLL_Result r) {
        long start = System.nanoTime();
        String got;
        try {
            Selected<Msg> s = select.recv(Duration.ofNanos(TestChannel.PATIENCE_NANOS));
            got = s == null ? "nothing" : s.message() != msg ? "another message"
                    : s.receiver() == a.receiver() ? "from a" : "from b";
        } catch (DisconnectedException e) {
            got = "disconnected";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("no test interrupts its actors", e);
        }
        record(r, flavour.label, toB, got, System.nanoTime() - start >= TestChannel.PATIENCE_NANOS);
    }

    static void record(LLL_Result r, String label, boolean toB, String got, boolean late) {
        r.r1 = label + ", to " + (toB ? "b" : "a");
        r.r2 = got;
        r.r3 = late ? "only after the patience ran out" : "in time";
    }

    /** The same race over a select that publishes its waiter with lazySet: must show the lost wake-up. */
    @JCStressTest
    @Outcome(id = {".*, to a, from a, in time", ".*, to b, from b, in time"}, expect = ACCEPTABLE,
            desc = "The select returned the message from the receiver it was sent to, without"
                    + " waiting out its patience.")
    @Outcome(id = ".*, only after the patience ran out", expect = FORBIDDEN,
            desc = "The select parked with the message sent and woke only when its patience ran"
                    + " out: a lost wake-up.")
    @Outcome(expect = FORBIDDEN,
            desc = "The select gave up, or returned the message from the wrong receiver.")
    @State
    public static class Broken {
        private final boolean toB = (SAMPLES.getAndIncrement() & 1) == 1;
        private final LazyAnnounceSelect select = new LazyAnnounceSelect();
        private final Msg msg = new Msg(1, 2);

        @Actor
        public void sender() {
            select.send(toB, msg);
        }

        @Actor
        public void selector(LLL_Result r) {
            long start = System.nanoTime();
            String got = select.recv(TestChannel.BROKEN_PATIENCE_NANOS);
            record(r, "lazySet waiter", toB, got,
                    System.nanoTime() - start >= TestChannel.BROKEN_PATIENCE_NANOS);
        }
    }

    /**
     * DEFECT ON PURPOSE: a select over two unbounded queues with the usual parking protocol
     * (publish the waiter in both, re-check both, park; a sender enqueues, then wakes the waiter
     * published in its queue), except that the publication is a {@code lazySet}.
     */
    static final class LazyAnnounceSelect {
        private final ConcurrentLinkedQueue<Msg> a = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Msg> b = new ConcurrentLinkedQueue<>();
        private final AtomicReference<Thread> waiterA = new AtomicReference<>();
        private final AtomicReference<Thread> waiterB = new AtomicReference<>();

        void send(boolean toB, Msg m) {
            (toB ? b : a).offer(m);
            Thread w = (toB ? waiterB : waiterA).get();
            if (w != null) {
                LockSupport.unpark(w);
            }
        }

        String recv(long timeoutNanos) {
            long deadline = System.nanoTime() + timeoutNanos;
            try {
                for (;;) {
                    String got = poll();
                    if (got != null) {
                        return got;
                    }
                    // The defect: release stores may stay in the store buffer while the polls
                    // below read the queues; the correct code uses a volatile set (or a CAS).
                    waiterA.lazySet(Thread.currentThread());
                    waiterB.lazySet(Thread.currentThread());
                    got = poll();
                    if (got != null) {
                        return got;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        got = poll(); // a last look, in case this thread was descheduled
                        return got == null ? "nothing" : got;
                    }
                    LockSupport.parkNanos(this, left);
                }
            } finally {
                waiterA.lazySet(null);
                waiterB.lazySet(null);
            }
        }

        private String poll() {
            return a.poll() != null ? "from a" : b.poll() != null ? "from b" : null;
        }
    }
}
