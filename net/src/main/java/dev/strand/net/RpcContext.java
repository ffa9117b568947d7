package dev.strand.net;

import java.time.Duration;
import java.util.Optional;

/**
 * What a service method may learn about the RPC call it is running: the caller's deadline.
 *
 * <p>Read it on the thread that runs the service method, before the method returns (the
 * context is bound to that thread for the call). Outside a call every accessor reports no
 * deadline. Thread-safe: each thread sees only its own call.
 */
public final class RpcContext {

    /** The deadline of the call this thread runs; made once per thread, then reused by each call. */
    private static final ThreadLocal<Deadline> DEADLINE = new ThreadLocal<>();

    /** A thread's deadline; confined to it. */
    private static final class Deadline {
        boolean set;
        long nanos;
    }

    private RpcContext() {
    }

    /**
     * Returns the time left before the caller's deadline.
     *
     * @return the remaining time (zero or negative once passed), or empty outside a call or
     *         when the caller set no deadline
     */
    public static Optional<Duration> remaining() {
        Deadline d = DEADLINE.get();
        return d == null || !d.set ? Optional.empty() : Optional.of(Duration.ofNanos(d.nanos - System.nanoTime()));
    }

    /**
     * Tells whether the caller's deadline has passed; a method doing long work may check it
     * and stop early.
     *
     * @return true if there is a deadline and it has passed
     */
    public static boolean expired() {
        Deadline d = DEADLINE.get();
        return d != null && d.set && d.nanos - System.nanoTime() <= 0;
    }

    /** Binds {@code deadlineNanos} ({@link System#nanoTime()} based) to this thread. */
    static void bind(long deadlineNanos) {
        Deadline d = DEADLINE.get();
        if (d == null) {
            d = new Deadline();
            DEADLINE.set(d);
        }
        d.nanos = deadlineNanos;
        d.set = true;
    }

    /** Clears this thread's deadline (the call ended, or it has none). */
    static void clear() {
        Deadline d = DEADLINE.get();
        if (d != null) {
            d.set = false;
        }
    }
}
