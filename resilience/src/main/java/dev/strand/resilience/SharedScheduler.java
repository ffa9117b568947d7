package dev.strand.resilience;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one scheduler the resilience policies share when the user gives none: the timers of
 * {@link Timeout} (the interrupt of a synchronous call, the deadline of an asynchronous one)
 * and the waits of {@link Policy#callAsync(java.util.function.Supplier)}.
 *
 * <p>Started lazily (the holder class is initialised on first use), with one daemon thread
 * named {@code strand-resilience-scheduler} that ends after one second without work; so it
 * never holds a JVM open and costs nothing while idle. Cancelled timers are removed at once.
 * {@code shutdown} and {@code shutdownNow} throw, so no caller can stop it for the others.
 * Thread-safe.
 */
final class SharedScheduler {

    private SharedScheduler() {
    }

    private static final class Holder {
        static final ScheduledExecutorService INSTANCE = new Pool();
    }

    /** One daemon thread, ended when idle; cannot be shut down by its users. */
    private static final class Pool extends ScheduledThreadPoolExecutor {
        Pool() {
            super(1, task -> {
                Thread t = new Thread(task, "strand-resilience-scheduler");
                t.setDaemon(true);
                return t;
            });
            setRemoveOnCancelPolicy(true);
            setKeepAliveTime(1, TimeUnit.SECONDS);
            allowCoreThreadTimeOut(true);
        }

        @Override
        public void shutdown() {
            throw new UnsupportedOperationException("the shared resilience scheduler cannot be shut down");
        }

        @Override
        public java.util.List<Runnable> shutdownNow() {
            throw new UnsupportedOperationException("the shared resilience scheduler cannot be shut down");
        }
    }

    static ScheduledExecutorService get() {
        return Holder.INSTANCE;
    }
}
