package dev.strand.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Ticker} that moves only when told to: deterministic time for tests, including
 * users' tests of their own code.
 *
 * <pre>{@code
 * ManualTicker ticker = new ManualTicker();
 * CircuitBreaker cb = CircuitBreaker.builder().ticker(ticker).build();
 * ticker.advance(Duration.ofSeconds(30));   // the open duration has passed
 * }</pre>
 *
 * <p>Thread-safe: readings and advances are atomic, and an advance happens-before every
 * reading that observes it.
 */
public final class ManualTicker implements Ticker {

    private final AtomicLong nanos;

    /** Creates a ticker that reads 0 until advanced. */
    public ManualTicker() {
        this(0L);
    }

    /**
     * Creates a ticker that reads {@code startNanos} until advanced.
     *
     * @param startNanos the first reading
     */
    public ManualTicker(long startNanos) {
        this.nanos = new AtomicLong(startNanos);
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    /**
     * Moves time forward.
     *
     * @param duration how far; not null, not negative
     * @return the new reading
     * @throws IllegalArgumentException if {@code duration} is negative (time never goes back)
     */
    public long advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        return advanceNanos(duration.toNanos());
    }

    /**
     * Moves time forward by a number of nanoseconds.
     *
     * @param nanosToAdd how far; not negative
     * @return the new reading
     * @throws IllegalArgumentException if {@code nanosToAdd} is negative
     */
    public long advanceNanos(long nanosToAdd) {
        if (nanosToAdd < 0) {
            throw new IllegalArgumentException("nanosToAdd must not be negative: " + nanosToAdd);
        }
        return nanos.addAndGet(nanosToAdd);
    }

    @Override
    public String toString() {
        return "ManualTicker[" + nanos.get() + " ns]";
    }
}
