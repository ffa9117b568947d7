package dev.strand.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Structured concurrency: subtasks that run on their own threads and never outlive the block
 * that opened the scope (Rust's {@code std::thread::scope}; Java 21's preview
 * {@code StructuredTaskScope.ShutdownOnFailure}).
 *
 * <pre>{@code
 * try (Scope scope = Scope.open()) {
 *     Subtask<Long> a = scope.spawn(() -> countLines(f1));
 *     Subtask<Long> b = scope.spawn(() -> countLines(f2));
 *     scope.join();                 // waits for all; throws the first failure
 *     return a.get() + b.get();
 * }
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 * <li>{@link #join()} waits for every subtask, then throws the first failure, if any.</li>
 * <li><b>First failure wins.</b> When a subtask throws, every other running subtask is
 *     interrupted at once, and so is any subtask spawned afterwards. {@code join()} throws the
 *     first failure: an unchecked exception or {@link Error} as it is, a checked exception
 *     wrapped in {@link PanicException}. Every later failure (typically the
 *     {@link InterruptedException} of an interrupted sibling) is attached to it with
 *     {@link Throwable#addSuppressed}: nothing vanishes.</li>
 * <li><b>No thread outlives its scope.</b> {@link #close()} without {@code join()} (an early
 *     return, an exception in the block) interrupts the running subtasks, then waits for all
 *     of them and for their threads to exit. If a subtask had failed before {@code close()}
 *     and no {@code join()} reported it, {@code close()} throws that failure (inside
 *     try-with-resources it is then suppressed by the block's own exception). Failures that
 *     happen after {@code close()} interrupted the subtasks are the expected answer to that
 *     interrupt: {@code close()} does not throw them; they remain visible through
 *     {@link Subtask#exception()}.</li>
 * <li>A subtask's failure belongs to the scope: it is caught on the subtask's thread, so it
 *     never reaches that thread's uncaught-exception handler (nor is it printed).</li>
 * <li>{@link Subtask#get()} before {@code join()} throws {@link IllegalStateException}.</li>
 * <li>If the owner is interrupted while in {@code join()}, {@code join()} throws
 *     {@link InterruptedException} at once and the subtasks keep running; the scope stays
 *     open, so call {@code join()} again or let {@code close()} cancel them.</li>
 * </ul>
 *
 * <p><b>Threads.</b> {@link #open()} runs each subtask on a new platform thread named
 * {@code strand-scope-S-N}; {@link #open(ThreadFactory)} takes any factory (on Java 21+,
 * {@code Scope.open(Thread.ofVirtual().factory())} runs subtasks on virtual threads).
 *
 * <p>Waiting for subtasks parks through {@code java.util.concurrent.locks}; only the final
 * wait for an exiting thread uses {@link Thread#join()}, which lasts as long as that thread's
 * exit (its task has already returned).
 *
 * <p><b>Thread safety.</b> {@link #join()} and {@link #close()} belong to the thread that
 * opened the scope (the owner); other threads get {@link IllegalStateException}.
 * {@link #spawn(Callable)} may be called by the owner and by the scope's own subtasks while
 * the scope is open. Memory consistency: actions before {@code spawn} happen-before the
 * subtask starts; everything a subtask did happens-before {@code join()} (or {@code close()})
 * returns.
 */
public final class Scope implements AutoCloseable {

    /*
     * Overview. One lock guards the scope's bookkeeping: `running` counts subtasks whose
     * task has not been recorded yet, `live` holds them (to interrupt them), `exited` holds
     * the threads of recorded subtasks that join/close has not yet waited for. A subtask
     * records its outcome under the lock as its thread's last action (Subtask.run ->
     * finished), decrements `running` and signals `idle` at zero. The first failure sets
     * `failure` and interrupts every live subtask; `cancelled` then makes every new subtask
     * interrupt itself before its task runs. Threads are started under the lock, so any thread
     * in `live` has been started and can be interrupted. join/close wait on `idle` for running == 0, then Thread.join the
     * exited threads outside the lock (each is in its final instructions, so this is short).
     */

    private static final AtomicLong SCOPES = new AtomicLong();

    private final Thread owner;
    private final ThreadFactory factory;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();

    // Guarded by lock.
    private final Set<Subtask<?>> live = new LinkedHashSet<>();
    private final List<Thread> exited = new ArrayList<>();
    private long spawned;
    private int running;
    private Throwable failure; // what join throws: a RuntimeException or an Error
    private boolean failureReported;
    private boolean cancelled;
    private boolean closing;
    private boolean closed;

    // Written under lock, read by Subtask.get() without it; volatile so that a subtask's
    // check sees the join that happened-before it in the owner thread or after a handoff.
    private volatile long joinedBelow;

    private Scope(ThreadFactory factory) {
        this.owner = Thread.currentThread();
        this.factory = factory;
    }

    /**
     * Opens a scope whose subtasks each run on a new platform thread; the calling thread
     * becomes its owner.
     *
     * @return the open scope; close it (try-with-resources)
     */
    public static Scope open() {
        String prefix = "strand-scope-" + SCOPES.incrementAndGet() + "-";
        AtomicLong n = new AtomicLong();
        return new Scope(r -> new Thread(r, prefix + n.incrementAndGet()));
    }

    /**
     * Opens a scope whose subtasks run on threads made by {@code factory}; the calling thread
     * becomes its owner.
     *
     * @param factory makes one unstarted thread per subtask; not null
     * @return the open scope; close it (try-with-resources)
     * @throws NullPointerException if {@code factory} is null
     */
    public static Scope open(ThreadFactory factory) {
        return new Scope(Objects.requireNonNull(factory, "factory"));
    }

    /**
     * Starts {@code task} on a new thread of this scope.
     *
     * @param task what to run; not null
     * @param <T> the task's result type
     * @return the subtask, whose result is available after {@link #join()}
     * @throws NullPointerException if {@code task} is null
     * @throws IllegalStateException if the scope is closed (or closing), or the thread
     *         factory returned null
     */
    public <T> Subtask<T> spawn(Callable<? extends T> task) {
        Objects.requireNonNull(task, "task");
        lock.lock();
        try {
            if (closing) {
                throw new IllegalStateException("scope is closed");
            }
            Subtask<T> subtask = new Subtask<>(this, spawned, task);
            Thread thread = factory.newThread(subtask::run);
            if (thread == null) {
                throw new IllegalStateException("thread factory returned null");
            }
            subtask.thread = thread;
            // The scope is already shutting down because of a failure: the subtask interrupts
            // itself before its task runs (Thread.start orders this write before run()).
            subtask.startInterrupted = cancelled;
            live.add(subtask);
            running++;
            try {
                thread.start();
            } catch (Throwable e) {
                // The subtask never ran (thread already started, or no native thread left).
                live.remove(subtask);
                running--;
                throw e;
            }
            spawned++;
            return subtask;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for every subtask spawned so far to finish (and its thread to exit), then throws
     * the first failure if a subtask failed.
     *
     * <p>May be called again after more subtasks were spawned. After a failure, every call
     * throws that same failure.
     *
     * @throws RuntimeException the first failing subtask's unchecked exception, as thrown, or
     *         a {@link PanicException} whose cause is its checked exception; later failures
     *         are attached as suppressed
     * @throws Error the first failing subtask's error, as thrown
     * @throws InterruptedException if the owner is interrupted while waiting (its interrupt
     *         status is then cleared); the subtasks keep running, the scope stays open
     * @throws IllegalStateException if called by a thread other than the owner, or after
     *         {@link #close()}
     */
    public void join() throws InterruptedException {
        checkOwner("join");
        List<Thread> toReap;
        Throwable toThrow;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("scope is closed");
            }
            while (running > 0) {
                idle.await();
            }
            joinedBelow = spawned;
            toReap = drainExited();
            toThrow = failure;
            if (toThrow != null) {
                failureReported = true;
            }
        } finally {
            lock.unlock();
        }
        reap(toReap);
        if (toThrow != null) {
            throwUnchecked(toThrow);
        }
    }

    /**
     * Closes the scope: no more subtasks may be spawned; subtasks still running are
     * interrupted; then waits, without giving up on interrupt, for all of them to finish and
     * for their threads to exit. The owner's interrupt status, if set meanwhile, is kept.
     * Closing a closed scope does nothing.
     *
     * @throws RuntimeException (or {@link Error}) a failure that happened before
     *         {@code close()} and was never reported by {@link #join()}, as {@code join()} would
     *         have thrown it
     * @throws IllegalStateException if called by a thread other than the owner
     */
    @Override
    public void close() {
        checkOwner("close");
        List<Thread> toReap;
        Throwable toThrow = null;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closing = true;
            if (running > 0) {
                cancelled = true;
                interruptLive();
            }
            while (running > 0) {
                // Keeps (does not clear) the owner's interrupt status.
                idle.awaitUninterruptibly();
            }
            closed = true;
            toReap = drainExited();
            if (failure != null && !failureReported) {
                failureReported = true;
                toThrow = failure;
            }
        } finally {
            lock.unlock();
        }
        reap(toReap);
        if (toThrow != null) {
            throwUnchecked(toThrow);
        }
    }

    /**
     * Tells whether {@link #close()} has completed.
     *
     * @return true once the scope is closed
     */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "Scope[owner=" + owner.getName() + ", running=" + running
                    + (failure != null ? ", failed" : "") + (closed ? ", closed]" : "]");
        } finally {
            lock.unlock();
        }
    }

    /** Records a subtask's outcome; the last thing its thread does. */
    void finished(Subtask<?> subtask, Throwable thrown) {
        lock.lock();
        try {
            subtask.publish();
            live.remove(subtask);
            exited.add(subtask.thread);
            if (thrown != null) {
                recordFailure(thrown);
            }
            if (--running == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    boolean hasJoined(long sequence) {
        return sequence < joinedBelow;
    }

    private void recordFailure(Throwable thrown) {
        if (failure == null) {
            if (closing) {
                // The answer to close()'s own interrupt: kept on the subtask, not thrown.
                return;
            }
            failure = thrown instanceof RuntimeException || thrown instanceof Error ? thrown
                    : new PanicException("subtask failed: " + thrown, thrown);
            cancelled = true;
            interruptLive();
        } else if (failure != thrown) {
            failure.addSuppressed(thrown);
        }
    }

    private void interruptLive() {
        for (Subtask<?> s : live) {
            s.thread.interrupt();
        }
    }

    private List<Thread> drainExited() {
        List<Thread> threads = new ArrayList<>(exited);
        exited.clear();
        return threads;
    }

    private static void reap(List<Thread> threads) {
        for (Thread t : threads) {
            Timeouts.awaitExit(t);
        }
    }

    private void checkOwner(String what) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException(what + "() must be called by the scope's owner '"
                    + owner.getName() + "', not '" + Thread.currentThread().getName() + "'");
        }
    }

    private static void throwUnchecked(Throwable t) {
        if (t instanceof Error) {
            throw (Error) t;
        }
        throw (RuntimeException) t; // failure only ever holds a RuntimeException or an Error
    }
}
