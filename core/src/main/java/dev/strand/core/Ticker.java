package dev.strand.core;

/**
 * A source of monotonic time in nanoseconds, injected into every Strand component that
 * measures time (circuit breakers, retries, timeouts) so that tests can control it.
 *
 * <p>Values are only meaningful as differences between two readings of the same ticker, as
 * with {@link System#nanoTime()}.
 *
 * <pre>{@code
 * Ticker t = Ticker.system();
 * long start = t.nanoTime();
 * work();
 * long elapsedNanos = t.nanoTime() - start;
 * }</pre>
 *
 * <p>Implementations must be thread-safe.
 *
 * @see ManualTicker
 */
@FunctionalInterface
public interface Ticker {

    /**
     * Returns the current reading of this ticker.
     *
     * @return a monotonic time in nanoseconds (only differences are meaningful)
     */
    long nanoTime();

    /**
     * Returns the ticker backed by {@link System#nanoTime()}.
     *
     * @return the system ticker, a shared stateless instance
     */
    static Ticker system() {
        return SystemTime.INSTANCE;
    }
}
