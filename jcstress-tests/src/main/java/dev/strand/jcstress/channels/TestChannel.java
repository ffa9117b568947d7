package dev.strand.jcstress.channels;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A channel as the tests see it: one receiver, a first sender, and the messages handed to the
 * {@code onUndelivered} handler. The tests call only these methods, so the very same race runs
 * over a Strand channel ({@link StrandChannels}) and over a homemade channel with one
 * deliberate defect (the {@code Broken} variants).
 *
 * <p>Results are values, never exceptions, so that an actor records what happened in one
 * place: a message, or one of the markers below, or (for a refused send) the message that the
 * refusal handed back.
 */
final class TestChannel {

    /**
     * How long a blocking operation on a Strand channel waits before giving up: ten seconds. A
     * correct channel wakes the waiter within microseconds, but a woken thread may not run at
     * once on a loaded two-core machine (stalls of several hundred milliseconds were seen here
     * with a load average of 12), so the patience is far beyond any scheduling delay. Giving up
     * only keeps a lost wake-up from hanging the run; the tests report such a wait as FORBIDDEN.
     */
    static final long PATIENCE_NANOS = 10_000_000_000L;

    /**
     * The patience of the deliberately broken channels: one second. Their lost wake-ups are
     * permanent (nobody ever unparks the waiter), so a shorter patience detects them as surely
     * and keeps the {@code broken} run short.
     */
    static final long BROKEN_PATIENCE_NANOS = 1_000_000_000L;

    /** A send that returned normally: the channel took the message. */
    static final Object SENT = new Marker("sent");
    /** A timed operation that gave up. */
    static final Object TIMED_OUT = new Marker("timed out");
    /** A {@code trySend} on a full channel. */
    static final Object FULL = new Marker("full");
    /** A receive that reported that every sender is closed and nothing is left. */
    static final Object DISCONNECTED = new Marker("disconnected");

    /** One sender handle. */
    interface Tx {
        /** Blocking send: {@link #SENT}, or the message carried by the refusal. */
        Object send(Msg msg);

        /** Timed send: {@link #SENT}, {@link #TIMED_OUT}, or the message carried by the refusal. */
        Object send(Msg msg, long timeoutNanos);

        /** Non-blocking send: {@link #SENT}, {@link #FULL}, or the message carried by the refusal. */
        Object trySend(Msg msg);

        /** Another handle on the same channel ({@code Sender.clone()}). */
        Tx copy();

        /** Closes this handle. */
        void close();
    }

    /** The receiver. */
    interface Rx {
        /** Timed receive: a message, {@link #DISCONNECTED}, or {@code null} when it gave up. */
        Object recv(long timeoutNanos);

        /** Non-blocking receive: a message, {@link #DISCONNECTED}, or {@code null} when empty. */
        Object tryRecv();

        /** Closes the receiver. */
        void close();
    }

    final Tx tx;
    final Rx rx;
    /** How long the tests let a blocking operation wait on this channel before giving up. */
    final long patienceNanos;
    /** What the channel handed to its {@code onUndelivered} handler, in order. */
    final ConcurrentLinkedQueue<Msg> undelivered;

    TestChannel(Tx tx, Rx rx, ConcurrentLinkedQueue<Msg> undelivered, long patienceNanos) {
        this.tx = tx;
        this.rx = rx;
        this.patienceNanos = patienceNanos;
        this.undelivered = undelivered;
    }

    /** Whether {@code result} (of a send) is the refusal handing back {@code msg} itself. */
    static boolean refusedWith(Object result, Msg msg) {
        return result == msg;
    }

    private static final class Marker {
        private final String name;

        Marker(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
