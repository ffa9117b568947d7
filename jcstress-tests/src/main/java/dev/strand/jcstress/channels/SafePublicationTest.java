package dev.strand.jcstress.channels;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * Guarantee 2, safe publication: the fields of a message written before {@code send} are
 * visible to the thread that received it.
 *
 * <p>The sender writes two plain fields of a message and sends it. The receiver takes it with
 * {@code tryRecv} at the same moment, and reports the fields it saw, or that nothing was there
 * yet: the race that matters, since no park/unpark orders anything in between. (A rendezvous
 * send waits for a taker, so there the receiver falls back to a timed {@code recv}.)
 * Outcome: flavour, fields seen, how the message was taken.
 *
 * <p>{@link Broken} runs the same race over the simplest one-slot channel with the defect: its
 * slot is a plain field, written by the send and read by the receive with plain accesses. The
 * JIT may then make the reference visible before the fields (seen here on x86 as a field still
 * 0). Its send and receive are written out in the actors, with numeric results, rather than
 * called through {@link TestChannel}: x86 never reorders stores, so only C2 can reorder these,
 * and it was seen to do so in this shape (thousands of torn reads per run) but not behind the
 * adapter's interface call.
 */
@JCStressTest
@Outcome(id = {".*, a=1 b=2, (at once|after waiting)", ".*, nothing yet, at once"}, expect = ACCEPTABLE,
        desc = "The receiver saw both fields the sender wrote before send, or no message yet.")
@Outcome(id = ".*, (a=0 b=\\d|a=\\d b=0), .*", expect = FORBIDDEN,
        desc = "The receiver saw a field still unwritten (0): the message was published unsafely.")
@Outcome(expect = FORBIDDEN,
        desc = "No message within the patience, or only after it ran out: a lost wake-up.")
@State
public class SafePublicationTest {

    private final Flavour flavour = Flavour.next();
    private final TestChannel channel = StrandChannels.open(flavour);
    private final Msg msg = new Msg();

    @Actor
    public void sender() {
        msg.a = 1;
        msg.b = 2;
        if (flavour.sendWaitsForReceiver()) {
            // A rendezvous send waits for the receiver; the patience keeps a lost wake-up from
            // hanging the run (the receiver then reports it).
            channel.tx.send(msg, channel.patienceNanos);
        } else {
            channel.tx.send(msg);
        }
    }

    @Actor
    public void receiver(LLL_Result r) {
        r.r1 = flavour.label;
        Object got = channel.rx.tryRecv();
        String how = "at once";
        if (got == null && flavour.sendWaitsForReceiver()) {
            long start = System.nanoTime();
            got = channel.rx.recv(channel.patienceNanos);
            how = System.nanoTime() - start >= channel.patienceNanos
                    ? "only after the patience ran out" : "after waiting";
        }
        r.r2 = fields(got);
        r.r3 = how;
    }

    /** What the receiver saw: the two fields, or "nothing yet". */
    static String fields(Object got) {
        if (got == null) {
            return "nothing yet";
        }
        if (!(got instanceof Msg)) {
            return String.valueOf(got);
        }
        Msg m = (Msg) got;
        return m.a == 1 && m.b == 2 ? "a=1 b=2" : "a=" + m.a + " b=" + m.b;
    }

    /**
     * DEFECT ON PURPOSE: the same race over a one-slot channel whose slot is a plain field,
     * written by the send and read by the receive with plain accesses: must show the FORBIDDEN
     * "field still unwritten" outcome. The result is the two fields as numbers ({@code -1, -1}:
     * nothing there yet).
     */
    @JCStressTest
    @Outcome(id = {"1, 2", "-1, -1"}, expect = ACCEPTABLE,
            desc = "The receiver saw both fields the sender wrote before send, or no message yet.")
    @Outcome(expect = FORBIDDEN,
            desc = "The receiver saw a field still unwritten (0): the message was published unsafely.")
    @State
    public static class Broken {
        private final Msg msg = new Msg();
        /** The channel's one slot: a plain field, the defect. */
        private Msg slot;

        @Actor
        public void sender() {
            Msg m = msg;
            m.a = 1;
            m.b = 2;
            slot = m; // send: a plain store, no release
        }

        @Actor
        public void receiver(II_Result r) {
            Msg m = slot; // tryRecv: a plain load, no acquire
            if (m == null) {
                r.r1 = -1;
                r.r2 = -1;
            } else {
                r.r1 = m.a;
                r.r2 = m.b;
            }
        }
    }
}
