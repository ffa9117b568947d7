package dev.strand.resilience;

/**
 * How a {@link Backoff} randomises its delays, with the full, equal and decorrelated jitters
 * commonly used with exponential backoff. With {@code base} the un-jittered delay of an attempt
 * (capped at {@code maxDelay}) and {@code random(a, b)} a uniform draw in {@code [a, b)}, each constant
 * below gives the delay it draws.
 *
 * <pre>{@code
 * Backoff b = Backoff.exponential(Duration.ofMillis(100)).jitter(Jitter.FULL);
 * }</pre>
 *
 * <p>Immutable, like every enum; the draws themselves are made by the {@link Backoff}.
 */
public enum Jitter {
    /** No randomness: the delay is {@code base}. */
    NONE,
    /** {@code random(0, base)}: spreads callers the most, may wait almost nothing. */
    FULL,
    /** {@code base/2 + random(0, base/2)}: never less than half the base delay. */
    EQUAL,
    /**
     * {@code min(maxDelay, random(initial, prev * 3))} where {@code prev} is the previous delay
     * (the multiplier is not used): grows from the previous draw rather than the attempt number.
     */
    DECORRELATED
}
