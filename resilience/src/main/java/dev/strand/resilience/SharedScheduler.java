package dev.strand.resilience;

import java.util.Collections;
import java.util.List;
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
 * {@code shutdown} and {@code shutdownNow} have no effect, as for {@code ForkJoinPool.commonPool()},
 * so no caller can stop it for the others.
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

        /** Has no effect, like {@code ForkJoinPool.commonPool()}'s: the scheduler is shared. */
        @Override
        public void shutdown() {
        }

        /** Has no effect and returns an empty list, like {@code ForkJoinPool.commonPool()}'s. */
        @Override
        public List<Runnable> shutdownNow() {
            return Collections.emptyList();
        }

        /**
         * Has no effect (on JDK 19+ this overrides {@code ExecutorService.close()}, which would
         * otherwise wait forever for a pool that never shuts down).
         */
        public void close() {
        }
    }

    static ScheduledExecutorService get() {
        return Holder.INSTANCE;
    }
}
