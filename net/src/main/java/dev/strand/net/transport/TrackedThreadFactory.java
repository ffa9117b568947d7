package dev.strand.net.transport;

import dev.strand.core.Ticker;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names threads {@code strand-net-<role>-<pool>-<n>} and remembers them, so that a close can
 * wait for the threads themselves to end: an executor's termination is signalled from its
 * last thread a moment before that thread exits, and "close() leaves no thread running" must
 * hold when close() returns.
 */
public final class TrackedThreadFactory extends DefaultThreadFactory {

    /** Close timeouts are measured on the system ticker (they bound waits, nothing is scheduled by them). */
    private static final Ticker TICKER = Ticker.system();

    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    public TrackedThreadFactory(String role) {
        super(EventLoops.THREAD_PREFIX + role, false);
    }

    @Override
    protected Thread newThread(Runnable r, String name) {
        Thread t = super.newThread(r, name);
        threads.add(t);
        return t;
    }

    /** Whether {@code t} was made here. */
    public boolean made(Thread t) {
        return threads.contains(t);
    }

    /**
     * Waits up to {@code timeout} in all for every thread made here to end (skipping the
     * calling thread, which cannot wait for itself).
     *
     * @return false if interrupted (the interrupt status is restored)
     */
    public boolean join(Duration timeout) {
        long deadline = TICKER.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            if (t == Thread.currentThread()) {
                continue;
            }
            long left = deadline - TICKER.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                t.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (!t.isAlive()) {
                threads.remove(t);
            }
        }
        return true;
    }
}
