package dev.strand.core;

import dev.strand.core.internal.Durations;
import java.lang.Thread.UncaughtExceptionHandler;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The result of a task running on its own thread, started by {@link Threads#spawn(Callable)}
 * or {@link Threads.Builder#spawn(Callable)} (Rust's {@code JoinHandle}).
 *
 * <pre>{@code
 * JoinHandle<Integer> h = Threads.spawn(() -> 40 + 2);
 * int answer = h.join();                       // 42, or PanicException if the task threw
 * }</pre>
 *
 * <p><b>Failures never vanish.</b> Whatever the task throws (checked exception, unchecked
 * exception or {@link Error}) is caught, kept, and rethrown by every {@code join} as a
 * {@link PanicException} whose {@link PanicException#getCause() cause} is exactly that
 * throwable. The thread itself ends normally, so the JVM's uncaught-exception machinery does
 * not print it; if the thread was built with
 * {@link Threads.Builder#uncaughtExceptionHandler(UncaughtExceptionHandler) an uncaught-exception
 * handler}, that handler is also told, on the task's thread, before any {@code join} returns.
 *
 * <p><b>Thread safety and memory consistency:</b> all methods may be called from any thread,
 * any number of times. Everything the task did happens-before a {@code join} returns (or
 * throws {@code PanicException}) and before {@link #isFinished()} returns {@code true}.
 *
 * @param <T> the task's result type
 */
public final class JoinHandle<T> {

    private final Thread thread;
    private final Run<T> run;

    private JoinHandle(Thread thread, Run<T> run) {
        this.thread = thread;
        this.run = run;
    }

    /**
     * Creates the thread with {@code newThread} and starts it running {@code task}.
     *
     * @param task the task
     * @param newThread makes an unstarted thread that runs the given runnable
     * @param handler told of a failure before the handle completes; may be null
     */
    static <T> JoinHandle<T> start(Callable<? extends T> task, Function<Runnable, Thread> newThread,
            UncaughtExceptionHandler handler) {
        Run<T> run = new Run<>(task, handler);
        Thread thread = newThread.apply(run);
        JoinHandle<T> handle = new JoinHandle<>(thread, run);
        thread.start();
        return handle;
    }

    /**
     * Waits for the task to finish and returns its result.
     *
     * @return what the task returned (null if it returned null)
     * @throws PanicException if the task threw; its cause is the task's throwable
     * @throws InterruptedException if the calling thread is interrupted while waiting (its
     *         interrupt status is then cleared); the task keeps running
     * @throws IllegalStateException if called from the task's own thread (it would wait forever)
     */
    public T join() throws InterruptedException {
        checkNotSelf();
        run.done.await();
        return run.report(thread);
    }

    /**
     * Waits at most {@code timeout} for the task to finish and returns its result.
     *
     * @param timeout how long to wait; not null; zero or negative only checks
     * @return what the task returned (null if it returned null)
     * @throws TimeoutException if the task has not finished in time; it keeps running and
     *         may be joined again
     * @throws PanicException if the task threw; its cause is the task's throwable
     * @throws InterruptedException if the calling thread is interrupted while waiting (its
     *         interrupt status is then cleared)
     * @throws IllegalStateException if called from the task's own thread
     */
    public T join(Duration timeout) throws InterruptedException, TimeoutException {
        long nanos = Durations.toNanos(timeout, "timeout");
        checkNotSelf();
        if (!run.done.await(nanos, TimeUnit.NANOSECONDS)) {
            throw new TimeoutException("thread '" + thread.getName() + "' did not finish within " + timeout);
        }
        return run.report(thread);
    }

    /**
     * Tells whether the task has finished, normally or by throwing; never blocks. When it
     * returns {@code true}, {@link #join()} returns (or throws) at once. The thread itself may
     * still be in the last instant of its exit.
     *
     * @return true once the task has returned or thrown
     */
    public boolean isFinished() {
        // getCount() reads the latch's volatile state: a 0 read happens-after the countDown,
        // so the result fields are visible to a join that follows.
        return run.done.getCount() == 0;
    }

    /**
     * Returns the thread running (or that ran) the task, for its name, id or to interrupt it.
     *
     * @return the thread; never null
     */
    public Thread thread() {
        return thread;
    }

    @Override
    public String toString() {
        return "JoinHandle[" + thread.getName() + (isFinished() ? ", finished]" : ", running]");
    }

    private void checkNotSelf() {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("a thread cannot join itself: '" + thread.getName() + "'");
        }
    }

    /** What the thread runs: the task, then the recording of its outcome. */
    private static final class Run<T> implements Runnable {
        private final Callable<? extends T> task;
        private final UncaughtExceptionHandler handler;
        final CountDownLatch done = new CountDownLatch(1);
        // Plain fields: written before done.countDown() and read only after done reached 0,
        // which orders them (countDown happens-before a successful await or getCount()==0).
        private T result;
        private Throwable failure;

        Run(Callable<? extends T> task, UncaughtExceptionHandler handler) {
            this.task = task;
            this.handler = handler;
        }

        @Override
        public void run() {
            try {
                result = task.call();
            } catch (Throwable t) {
                failure = t;
                tellHandler(t);
            } finally {
                done.countDown();
            }
        }

        private void tellHandler(Throwable t) {
            if (handler == null) {
                return;
            }
            try {
                handler.uncaughtException(Thread.currentThread(), t);
            } catch (Throwable fromHandler) {
                // The JVM ignores a handler's own failure; we keep it with the task's failure.
                if (fromHandler != t) {
                    t.addSuppressed(fromHandler);
                }
            }
        }

        T report(Thread thread) {
            if (failure != null) {
                throw new PanicException("thread '" + thread.getName() + "' failed: " + failure, failure);
            }
            return result;
        }
    }
}
