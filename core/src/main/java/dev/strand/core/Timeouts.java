package dev.strand.core;

import java.time.Duration;
import java.util.Objects;

/** Conversions shared by the timed methods of this package. */
final class Timeouts {

    private Timeouts() {
    }

    /**
     * Converts a timeout to nanoseconds, saturating instead of overflowing (a timeout of
     * centuries is as good as forever).
     *
     * @param timeout not null; negative counts as zero
     * @param name the parameter's name, for the null message
     * @return the timeout in nanoseconds, between 0 and {@link Long#MAX_VALUE}
     */
    static long toNanos(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative()) {
            return 0L;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Waits until {@code thread} has terminated, even if interrupted meanwhile; the interrupt
     * status is restored before returning. Used only on threads whose task has already
     * returned, so the wait lasts as long as the thread's own exit.
     *
     * @param thread a thread whose task has completed
     */
    static void awaitExit(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                // Remember, keep waiting: the caller promised the thread is already exiting.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
