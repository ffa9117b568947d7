package dev.strand.channels;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Runs one call in a new platform thread; the test joins it and sees its outcome. */
final class Async<R> {

    /** A call that may throw anything, like Callable. */
    @FunctionalInterface
    interface Call<R> {
        R call() throws Exception;
    }

    private final FutureTask<R> task;
    private final Thread thread;

    private Async(Call<R> call) {
        Callable<R> c = call::call;
        this.task = new FutureTask<>(c);
        this.thread = new Thread(task, "async-test");
        thread.setDaemon(true);
    }

    static <R> Async<R> start(Call<R> call) {
        Async<R> a = new Async<>(call);
        a.thread.start();
        return a;
    }

    static Async<Void> run(ThrowingRunnable r) {
        return start(() -> {
            r.run();
            return null;
        });
    }

    /** A runnable that may throw. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    Thread thread() {
        return thread;
    }

    boolean isDone() {
        return task.isDone();
    }

    /** Waits for the call; returns its result. */
    R join() throws InterruptedException, ExecutionException {
        thread.join();
        return task.get();
    }

    /** Waits for the call; returns what it threw (fails if it returned). */
    Throwable failure() throws InterruptedException {
        thread.join();
        try {
            R r = task.get();
            throw new AssertionError("expected a failure, but it returned " + r);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** Waits (without sleeping) until the thread is parked or finished. */
    Async<R> awaitParked() {
        for (int i = 0;; i++) {
            Thread.State s = thread.getState();
            if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || s == Thread.State.TERMINATED) {
                return this;
            }
            if (i % 100 == 99) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
