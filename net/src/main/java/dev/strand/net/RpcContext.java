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

    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private RpcContext() {
    }

    /**
     * Returns the time left before the caller's deadline.
     *
     * @return the remaining time (zero or negative once passed), or empty outside a call or
     *         when the caller set no deadline
     */
    public static Optional<Duration> remaining() {
        Long d = DEADLINE.get();
        return d == null ? Optional.empty() : Optional.of(Duration.ofNanos(d - System.nanoTime()));
    }

    /**
     * Tells whether the caller's deadline has passed; a method doing long work may check it
     * and stop early.
     *
     * @return true if there is a deadline and it has passed
     */
    public static boolean expired() {
        Long d = DEADLINE.get();
        return d != null && d - System.nanoTime() <= 0;
    }

    /** Binds {@code deadlineNanos} ({@link System#nanoTime()} based; null for none). */
    static void bind(Long deadlineNanos) {
        if (deadlineNanos == null) {
            DEADLINE.remove();
        } else {
            DEADLINE.set(deadlineNanos);
        }
    }
}
