package dev.strand.net;

import dev.strand.core.internal.VirtualThreads;
import dev.strand.net.transport.EventLoops;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The handler executor of {@code virtualThreads(true)}: one new virtual thread per task
 * ({@code strand-net-<role>-<n>}), no pool and no queue, so a handler that blocks holds no
 * platform thread. It remembers its live threads, so that a close can wait for them (and
 * interrupt those still running when the close timeout is up). JDK 21+ only: built only after
 * {@link VirtualThreads#isSupported()} was checked.
 *
 * <p>Thread-safe. {@code execute} and {@code close} hold this object's lock only to decide
 * between "start and remember" and "refuse", so no thread is started after a close looked.
 */
final class VirtualThreadExecutor implements OwnedExecutor {

    private final String prefix;
    private final AtomicLong count = new AtomicLong();
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();
    /** Guarded by this. */
    private boolean closed;

    VirtualThreadExecutor(String role) {
        this.prefix = EventLoops.THREAD_PREFIX + role + "-virtual-";
    }

    @Override
    public void execute(Runnable task) {
        Thread thread = VirtualThreads.unstarted(prefix + count.incrementAndGet(), () -> {
            try {
                task.run();
            } finally {
                live.remove(Thread.currentThread());
            }
        });
        synchronized (this) {
            if (closed) {
                throw new RejectedExecutionException("handler executor is closed");
            }
            live.add(thread); // before start: the thread's own removal always follows this add
            thread.start();
        }
    }

    @Override
    public boolean owns() {
        return live.contains(Thread.currentThread());
    }

    @Override
    public boolean close(Duration timeout) {
        synchronized (this) {
            closed = true;
        }
        if (owns()) {
            return true; // closed from one of its own tasks: waiting for itself would deadlock
        }
        try {
            if (!joinAll(System.nanoTime() + timeout.toNanos())) {
                abort();
                joinAll(System.nanoTime() + (timeout.isZero() ? 0 : TimeUnit.SECONDS.toNanos(5)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            return false;
        }
    }

    /** Waits until every live thread ended or the deadline passed; true if they all ended. */
    private boolean joinAll(long deadline) throws InterruptedException {
        for (Thread t : live) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        return live.isEmpty();
    }

    @Override
    public void abort() {
        synchronized (this) {
            closed = true;
        }
        for (Thread t : live) {
            t.interrupt();
        }
    }
}
