package dev.strand.net;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * A handler executor that an endpoint made and therefore shuts down with itself: a pool of
 * platform threads ({@code NetServer.newHandlerPool}) or virtual threads
 * ({@link VirtualThreadExecutor}). After {@link #close} it refuses tasks with
 * {@link java.util.concurrent.RejectedExecutionException}.
 */
interface OwnedExecutor extends Executor {

    /**
     * Whether the calling thread is one of this executor's.
     *
     * @return true on one of its threads
     */
    boolean owns();

    /**
     * Stops taking tasks, lets running ones finish for up to {@code timeout}, then interrupts
     * what is left and waits for every thread to end. Called on one of its own threads, it does
     * not wait (that would wait for the caller).
     *
     * @return false if interrupted (the interrupt status is restored)
     */
    boolean close(Duration timeout);

    /** Stops taking tasks and interrupts the running ones, without waiting. */
    void abort();
}
