package dev.strand.jcstress.channels;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * Guarantee 2, safe publication: the fields of a message written before {@code send} are
 * visible to the thread that received it.
 *
 * <p>The sender writes two plain fields of a message and sends it; the receiver takes it with
 * {@code tryRecv} when it is already there (the race that matters: no park/unpark in between
 * to order anything) and otherwise waits in a timed {@code recv}. It reports the fields it saw.
 * Outcome: flavour, fields seen, how the message was taken.
 *
 * <p>{@link Broken} runs the same two actors over a one-slot channel that stores the message
 * with a plain write and reads it with a plain read: the JIT may then make the reference
 * visible before the fields, and the test sees {@code a=0} or {@code b=0}.
 */
@JCStressTest
@Outcome(id = ".*, a=1 b=2, (at once|after waiting)", expect = ACCEPTABLE,
        desc = "The receiver saw both fields the sender wrote before send.")
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
        send(channel, msg, flavour.sendWaitsForReceiver());
    }

    @Actor
    public void receiver(LLL_Result r) {
        receive(channel, flavour.label, r);
    }

    static void send(TestChannel channel, Msg msg, boolean sendWaits) {
        msg.a = 1;
        msg.b = 2;
        if (sendWaits) {
            // A rendezvous send waits for the receiver; the patience keeps a lost wake-up from
            // hanging the run (the receiver then reports it).
            channel.tx.send(msg, channel.patienceNanos);
        } else {
            channel.tx.send(msg);
        }
    }

    static void receive(TestChannel channel, String label, LLL_Result r) {
        r.r1 = label;
        Object got = channel.rx.tryRecv();
        String how = "at once";
        if (got == null) {
            long start = System.nanoTime();
            got = channel.rx.recv(channel.patienceNanos);
            how = System.nanoTime() - start >= channel.patienceNanos
                    ? "only after the patience ran out" : "after waiting";
        }
        if (got instanceof Msg) {
            Msg m = (Msg) got;
            r.r2 = m.a == 1 && m.b == 2 ? "a=1 b=2" : "a=" + m.a + " b=" + m.b;
        } else {
            r.r2 = String.valueOf(got);
        }
        r.r3 = how;
    }

    /**
     * The same race over a channel whose slot is written and read with plain accesses: must
     * show the FORBIDDEN "field still unwritten" outcome.
     */
    @JCStressTest
    @Outcome(id = ".*, a=1 b=2, (at once|after waiting)", expect = ACCEPTABLE,
            desc = "The receiver saw both fields the sender wrote before send.")
    @Outcome(id = ".*, (a=0 b=\\d|a=\\d b=0), .*", expect = FORBIDDEN,
            desc = "The receiver saw a field still unwritten (0): the message was published unsafely.")
    @Outcome(expect = FORBIDDEN,
            desc = "No message within the patience, or only after it ran out: a lost wake-up.")
    @State
    public static class Broken {
        private final TestChannel channel = PlainSlotChannel.open();
        private final Msg msg = new Msg();

        @Actor
        public void sender() {
            send(channel, msg, false);
        }

        @Actor
        public void receiver(LLL_Result r) {
            receive(channel, "plain slot", r);
        }
    }

    /**
     * DEFECT ON PURPOSE: a one-message channel whose slot is a plain field. A plain store of the
     * reference does not order the message's own field writes before it.
     */
    static final class PlainSlotChannel implements TestChannel.Tx, TestChannel.Rx {
        private static final VarHandle SLOT;

        static {
            try {
                SLOT = MethodHandles.lookup().findVarHandle(PlainSlotChannel.class, "slot", Msg.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private Msg slot;

        static TestChannel open() {
            PlainSlotChannel c = new PlainSlotChannel();
            return new TestChannel(c, c, new ConcurrentLinkedQueue<>(),
                    TestChannel.BROKEN_PATIENCE_NANOS);
        }

        @Override
        public Object send(Msg m) {
            slot = m; // the defect: a plain store, no release
            return TestChannel.SENT;
        }

        @Override
        public Object send(Msg m, long timeoutNanos) {
            return send(m);
        }

        @Override
        public Object trySend(Msg m) {
            return send(m);
        }

        @Override
        public TestChannel.Tx copy() {
            return this;
        }

        @Override
        public void close() {
        }

        @Override
        public Object tryRecv() {
            Msg m = slot; // the defect: a plain load, no acquire
            if (m != null) {
                slot = null; // one sender, one message: nothing can arrive after it
            }
            return m;
        }

        @Override
        public Object recv(long timeoutNanos) {
            long deadline = System.nanoTime() + timeoutNanos;
            // Opaque only so that the JIT cannot hoist the load out of the loop; it still orders
            // nothing, which is the defect under test.
            while (SLOT.getOpaque(this) == null) {
                if (System.nanoTime() - deadline >= 0) {
                    return null;
                }
                Thread.onSpinWait();
            }
            return tryRecv();
        }
    }
}
