package dev.strand.channels;

import java.time.Duration;

/** Duration helpers. */
final class Durations {

    private Durations() {
    }

    /** The duration in nanoseconds, saturated to the long range (negative stays negative). */
    static long toNanosSaturated(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
