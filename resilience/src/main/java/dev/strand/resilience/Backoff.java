package dev.strand.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The delays between attempts of a {@link Retry}: fixed or exponential, capped, optionally
 * randomised by a {@link Jitter}.
 *
 * <pre>{@code
 * Backoff b = Backoff.exponential(Duration.ofMillis(100))   // 100, 200, 400, ... ms
 *         .multiplier(2.0)
 *         .maxDelay(Duration.ofSeconds(10))
 *         .jitter(Jitter.FULL);
 * Duration d = b.delay(3, new Random(42));                   // attempt 1 is the first retry
 * }</pre>
 *
 * <p>Immutable and thread-safe: every setter returns a new {@code Backoff}. Defaults: multiplier
 * 2.0 ({@link #fixed} uses 1.0), maximum delay one day (or the initial delay if larger), jitter
 * {@link Jitter#NONE}. Delays never overflow and are never negative: the computation saturates
 * at the maximum delay, even at attempt {@link Integer#MAX_VALUE} with a huge multiplier.
 * A zero delay is allowed (retry at once).
 */
public final class Backoff {

    /** The default cap on a delay: one day. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofDays(1);

    private final long initialNanos;
    private final double multiplier;
    private final long maxNanos;
    private final Jitter jitter;

    private Backoff(long initialNanos, double multiplier, long maxNanos, Jitter jitter) {
        this.initialNanos = initialNanos;
        this.multiplier = multiplier;
        this.maxNanos = maxNanos;
        this.jitter = jitter;
    }

    /**
     * Returns a backoff whose first delay is {@code initialDelay}, multiplied by 2.0 at each
     * further attempt.
     *
     * @param initialDelay the delay before the first retry; not null, not negative (zero allowed)
     * @return a new backoff
     * @throws IllegalArgumentException if {@code initialDelay} is negative
     */
    public static Backoff exponential(Duration initialDelay) {
        long initial = nonNegativeNanos(initialDelay, "initialDelay");
        return new Backoff(initial, 2.0, Math.max(initial, nanos(DEFAULT_MAX_DELAY)), Jitter.NONE);
    }

    /**
     * Returns a backoff that waits {@code delay} before every retry (multiplier 1.0).
     *
     * @param delay the delay; not null, not negative (zero allowed)
     * @return a new backoff
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public static Backoff fixed(Duration delay) {
        long d = nonNegativeNanos(delay, "delay");
        return new Backoff(d, 1.0, Math.max(d, nanos(DEFAULT_MAX_DELAY)), Jitter.NONE);
    }

    /**
     * Returns a copy with another growth factor between consecutive delays.
     *
     * @param multiplier at least 1.0 and finite
     * @return a new backoff
     * @throws IllegalArgumentException if {@code multiplier} is below 1, infinite or NaN
     */
    public Backoff multiplier(double multiplier) {
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be finite and >= 1: " + multiplier);
        }
        return new Backoff(initialNanos, multiplier, maxNanos, jitter);
    }

    /**
     * Returns a copy whose delays never exceed {@code maxDelay} (jitter included).
     *
     * @param maxDelay the cap; not null, not below the initial delay
     * @return a new backoff
     * @throws IllegalArgumentException if {@code maxDelay} is negative or below the initial delay
     */
    public Backoff maxDelay(Duration maxDelay) {
        long max = nonNegativeNanos(maxDelay, "maxDelay");
        if (max < initialNanos) {
            throw new IllegalArgumentException("maxDelay must not be below the initial delay ("
                    + Duration.ofNanos(initialNanos) + "): " + maxDelay);
        }
        return new Backoff(initialNanos, multiplier, max, jitter);
    }

    /**
     * Returns a copy with another jitter.
     *
     * @param jitter the randomisation; not null
     * @return a new backoff
     */
    public Backoff jitter(Jitter jitter) {
        return new Backoff(initialNanos, multiplier, maxNanos, Objects.requireNonNull(jitter, "jitter"));
    }

    /**
     * Returns the delay before retry number {@code attempt}. Stateless: for
     * {@link Jitter#DECORRELATED} the previous delay is taken as the un-jittered delay of the
     * previous attempt ({@link Retry} feeds the real previous draw instead).
     *
     * @param attempt 1 for the first retry; at least 1
     * @param random the source of randomness (a seeded {@code new Random(seed)} makes the draws
     *        reproducible); not null; used only when the jitter is not {@code NONE}
     * @return a delay between zero and the maximum delay
     * @throws IllegalArgumentException if {@code attempt} is below 1
     */
    public Duration delay(int attempt, RandomGenerator random) {
        return Duration.ofNanos(delayNanos(attempt, -1L, random));
    }

    /**
     * Returns the initial delay.
     *
     * @return the delay before the first retry (before jitter)
     */
    public Duration initialDelay() {
        return Duration.ofNanos(initialNanos);
    }

    /**
     * Returns the growth factor.
     *
     * @return the multiplier, at least 1.0
     */
    public double multiplier() {
        return multiplier;
    }

    /**
     * Returns the cap.
     *
     * @return the longest delay this backoff returns
     */
    public Duration maxDelay() {
        return Duration.ofNanos(maxNanos);
    }

    /**
     * Returns the randomisation.
     *
     * @return the jitter
     */
    public Jitter jitter() {
        return jitter;
    }

    /**
     * The delay in nanoseconds; {@code prevNanos} is the previous real delay for DECORRELATED,
     * or negative to use the un-jittered delay of the previous attempt.
     */
    long delayNanos(int attempt, long prevNanos, RandomGenerator random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1: " + attempt);
        }
        Objects.requireNonNull(random, "random");
        switch (jitter) {
            case FULL: {
                long base = baseNanos(attempt);
                return clamp(random.nextDouble() * base);
            }
            case EQUAL: {
                long base = baseNanos(attempt);
                long half = base / 2;
                return clamp(half + random.nextDouble() * (base - half));
            }
            case DECORRELATED: {
                long prev = prevNanos >= 0 ? prevNanos : attempt == 1 ? initialNanos : baseNanos(attempt - 1);
                // In double: prev * 3 may exceed a long; clamp() saturates at maxNanos.
                double high = Math.max(prev * 3.0, initialNanos);
                return clamp(initialNanos + random.nextDouble() * (high - initialNanos));
            }
            default:
                return baseNanos(attempt);
        }
    }

    /** initial * multiplier^(attempt-1), saturated at maxNanos (computed in double: never wraps). */
    long baseNanos(int attempt) {
        if (initialNanos == 0) {
            return 0; // 0 * Infinity would be NaN
        }
        return clamp(initialNanos * Math.pow(multiplier, attempt - 1));
    }

    /** Saturates to [0, maxNanos]; Infinity and values beyond a long land on maxNanos. */
    private long clamp(double nanos) {
        if (!(nanos < maxNanos)) {
            return maxNanos;
        }
        return nanos <= 0 ? 0 : (long) nanos;
    }

    static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static long nonNegativeNanos(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
        return nanos(d);
    }

    @Override
    public String toString() {
        return "Backoff[initial=" + Duration.ofNanos(initialNanos) + ", multiplier=" + multiplier
                + ", max=" + Duration.ofNanos(maxNanos) + ", jitter=" + jitter + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Backoff && ((Backoff) o).initialNanos == initialNanos
                && ((Backoff) o).multiplier == multiplier && ((Backoff) o).maxNanos == maxNanos
                && ((Backoff) o).jitter == jitter;
    }

    @Override
    public int hashCode() {
        return Objects.hash(initialNanos, multiplier, maxNanos, jitter);
    }
}
