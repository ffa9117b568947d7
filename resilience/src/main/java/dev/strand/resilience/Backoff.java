package dev.strand.resilience;

import dev.strand.core.internal.Checks;
import dev.strand.core.internal.Durations;
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
 * <p>Immutable and thread-safe: an immutable value type, so {@link #multiplier}, {@link #maxDelay}
 * and {@link #jitter} return a <em>new</em> {@code Backoff} and leave this one unchanged (use the
 * returned value: {@code b.jitter(FULL);} alone changes nothing). Defaults: multiplier
 * 2.0 ({@link #fixed} uses 1.0), maximum delay one day (or the initial delay if larger), jitter
 * {@link Jitter#NONE}. Delays never overflow and are never negative: the computation is done in
 * {@code long} nanoseconds and saturates at the maximum delay, even at attempt {@link Integer#MAX_VALUE} with a huge multiplier.
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
        return new Backoff(initial, 2.0, Math.max(initial, DEFAULT_MAX_DELAY.toNanos()), Jitter.NONE);
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
        return new Backoff(d, 1.0, Math.max(d, DEFAULT_MAX_DELAY.toNanos()), Jitter.NONE);
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
            case FULL:
                return fraction(random.nextDouble(), baseNanos(attempt));
            case EQUAL: {
                long base = baseNanos(attempt);
                long half = base / 2;
                return half + fraction(random.nextDouble(), base - half);
            }
            case DECORRELATED: {
                long prev = prevNanos >= 0 ? prevNanos : attempt == 1 ? initialNanos : baseNanos(attempt - 1);
                long high = Math.max(Math.min(saturatedTimes(prev, 3L), maxNanos), initialNanos);
                return Math.min(initialNanos + fraction(random.nextDouble(), high - initialNanos), maxNanos);
            }
            default:
                return baseNanos(attempt);
        }
    }

    /**
     * initial * multiplier^(attempt-1), saturated at maxNanos. Computed in long: the integral
     * part of the factor is multiplied exactly (saturating), so delays above 2^53 ns keep their
     * low bits; only a fractional factor's remainder goes through a double.
     */
    long baseNanos(int attempt) {
        if (initialNanos == 0 || attempt == 1 || multiplier == 1.0) {
            return Math.min(initialNanos, maxNanos);
        }
        double factor = Math.pow(multiplier, attempt - 1);
        if (!(factor < 0x1p63)) {
            return maxNanos; // Infinity, or a factor beyond a long: at least initial * 2^63
        }
        long whole = (long) factor;
        long product = saturatedTimes(initialNanos, whole);
        double rest = (factor - whole) * initialNanos; // < initialNanos, so it fits a long
        long total = product + (long) rest;
        if (total < product) {
            total = Long.MAX_VALUE; // the addition overflowed
        }
        return Math.min(total, maxNanos);
    }

    /** a * b for non-negative a and b, saturated at Long.MAX_VALUE. */
    private static long saturatedTimes(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }

    /** floor(u * n) for u in [0, 1) and n >= 0, never above n (a double product may round up). */
    private static long fraction(double u, long n) {
        return Math.min((long) (u * n), n);
    }

    /** A non-negative duration in nanoseconds (saturated), or NPE/IAE naming {@code name}. */
    static long nonNegativeNanos(Duration d, String name) {
        return Durations.toNanos(Checks.nonNegative(d, name), name);
    }

    /** A positive duration in nanoseconds (saturated), or NPE/IAE naming {@code name}. */
    static long positiveNanos(Duration d, String name) {
        return Durations.toNanos(Checks.positive(d, name), name);
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
