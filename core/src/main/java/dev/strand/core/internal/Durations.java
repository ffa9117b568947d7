package dev.strand.core.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Duration conversion shared by every Strand module, with one saturation rule.
 *
 * <p><b>The rule.</b> A timeout is converted to nanoseconds exactly when it fits in a
 * {@code long}; a longer one saturates to {@link Long#MAX_VALUE} (about 292 years, as good as
 * forever), and a negative one counts as zero ("do not wait"). No conversion ever throws
 * {@link ArithmeticException}. Code that must reject a negative or zero duration (a
 * configuration value rather than a timeout) checks it first with {@link Checks}.
 *
 * <p>Not API: this package is exported only to the Strand modules.
 */
public final class Durations {

    private Durations() {
    }

    /**
     * Converts a timeout to nanoseconds under the saturation rule of this class.
     *
     * @param timeout not null; negative counts as zero
     * @param name the parameter's name, for the {@link NullPointerException} message
     * @return the timeout in nanoseconds, between 0 and {@link Long#MAX_VALUE}
     * @throws NullPointerException if {@code timeout} is null
     */
    public static long toNanos(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative()) {
            return 0L;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            // Past ~292 years: saturate instead of failing.
            return Long.MAX_VALUE;
        }
    }

}
