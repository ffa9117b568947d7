package dev.strand.resilience;

import java.util.concurrent.Executors;
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
 * Wrapped so that callers cannot shut it down or reconfigure it. Thread-safe.
 */
final class SharedScheduler {

    private SharedScheduler() {
    }

    private static final class Holder {
        static final ScheduledExecutorService INSTANCE = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor x = new ScheduledThreadPoolExecutor(1, task -> {
                Thread t = new Thread(task, "strand-resilience-scheduler");
                t.setDaemon(true);
                return t;
            });
            x.setRemoveOnCancelPolicy(true);
            x.setKeepAliveTime(1, TimeUnit.SECONDS);
            x.allowCoreThreadTimeOut(true);
            return Executors.unconfigurableScheduledExecutorService(x);
        }
    }

    static ScheduledExecutorService get() {
        return Holder.INSTANCE;
    }
}
