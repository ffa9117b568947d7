package dev.strand.core;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A task started by {@link Scope#spawn(Callable)}: its state, and after {@link Scope#join()}
 * its result.
 *
 * <pre>{@code
 * try (Scope scope = Scope.open()) {
 *     Subtask<Long> a = scope.spawn(() -> countLines(f1));
 *     scope.join();
 *     return a.get();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Everything the task did happens-before {@link Scope#join()} returns, and so
 * before {@link #get()} can return.
 *
 * @param <T> the task's result type
 */
public final class Subtask<T> implements Supplier<T> {

    /**
     * Where a subtask is in its life.
     *
     * <p>Immutable, like every enum.
     */
    public enum State {
        /** Not finished yet (or finished so recently that the scope has not recorded it). */
        RUNNING,
        /** Returned a value, available through {@link Subtask#get()} once the scope is joined. */
        SUCCEEDED,
        /** Threw; the throwable is available through {@link Subtask#exception()}. */
        FAILED
    }

    private final Scope scope;
    private final long sequence;
    private final Callable<? extends T> task;
    // Set by the scope under its lock before the thread starts; Thread.start publishes them.
    Thread thread;
    boolean startInterrupted;

    // Plain fields written by the subtask's thread before it publishes `state` (volatile)
    // under the scope's lock; readers check `state` first.
    private T value;
    private Throwable exception;
    private volatile State state = State.RUNNING;

    Subtask(Scope scope, long sequence, Callable<? extends T> task) {
        this.scope = scope;
        this.sequence = sequence;
        this.task = task;
    }

    /** Runs on the subtask's own thread. */
    void run() {
        T v = null;
        Throwable t = null;
        if (startInterrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            v = task.call();
        } catch (Throwable x) {
            t = x;
        }
        value = v;
        exception = t;
        scope.finished(this, t);
    }

    /** Called by the scope under its lock: publishes the outcome written by {@link #run()}. */
    void publish() {
        state = exception == null ? State.SUCCEEDED : State.FAILED;
    }

    long sequence() {
        return sequence;
    }

    /**
     * Returns the subtask's state; never blocks.
     *
     * @return {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}
     */
    public State state() {
        return state;
    }

    /**
     * Returns the subtask's result.
     *
     * @return what the task returned (null if it returned null)
     * @throws IllegalStateException if the scope has not been joined since this subtask was
     *         spawned (even if the subtask happens to be finished), or the subtask did not
     *         succeed (the exception's cause is then the subtask's throwable)
     */
    @Override
    public T get() {
        if (!scope.hasJoined(sequence)) {
            throw new IllegalStateException("Subtask.get() before Scope.join()");
        }
        State s = state;
        if (s != State.SUCCEEDED) {
            throw new IllegalStateException("subtask " + s + ", it has no result", exception);
        }
        return value;
    }

    /**
     * Returns what the subtask threw.
     *
     * @return the subtask's throwable, exactly as thrown
     * @throws IllegalStateException if the subtask is not {@link State#FAILED}
     */
    public Throwable exception() {
        if (state != State.FAILED) {
            throw new IllegalStateException("subtask has not failed: " + state);
        }
        return exception;
    }

    @Override
    public String toString() {
        Thread t = thread;
        return "Subtask[" + (t == null ? "?" : t.getName()) + ", " + state + "]";
    }
}
