package dev.strand.core;

import java.time.Duration;

/**
 * Waits for a duration: injected into components that pause between attempts (retry,
 * reconnect) so that tests can record the pauses instead of sleeping.
 *
 * <pre>{@code
 * List<Duration> slept = new ArrayList<>();
 * Sleeper recording = slept::add;          // a test double: never blocks
 * Sleeper real = Sleeper.system();          // Thread.sleep
 * }</pre>
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits for {@code duration}.
     *
     * @param duration how long to wait; not null; zero or negative returns at once
     * @throws InterruptedException if the thread is interrupted while waiting (its interrupt
     *         status is then cleared, as with {@link Thread#sleep(long)})
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Returns the sleeper backed by {@link Thread#sleep(long, int)}.
     *
     * @return the system sleeper, a shared stateless instance
     */
    static Sleeper system() {
        return SystemTime.INSTANCE;
    }
}
