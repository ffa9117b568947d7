package dev.strand.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Gives up on a call that takes too long, with {@link TimeoutExceededException}.
 *
 * <pre>{@code
 * Timeout t = Timeout.of(Duration.ofMillis(200), executor);
 * String s = t.call(() -> slowRemote());                   // runs on executor, interrupted at 200 ms
 * CompletableFuture<String> f = t.callAsync(() -> remoteAsync(), scheduler);
 * }</pre>
 *
 * <ul>
 *   <li>Sync: the call runs on the given executor (by default on a new daemon thread per
 *       call) while the caller waits at most the timeout; on timeout the call is interrupted
 *       (it stops only if it responds to interrupts). If the waiting caller is interrupted, the
 *       call is interrupted too, the caller's interrupt status is set again and a
 *       {@link CancellationException} is thrown.</li>
 *   <li>Async: a task scheduled on the given scheduler completes the returned future with
 *       {@code TimeoutExceededException} and cancels the call's future; nothing blocks.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class Timeout implements Policy {

    private final Duration timeout;
    private final long nanos;
    private final Executor executor;

    private Timeout(Duration timeout, Executor executor) {
        this.nanos = Backoff.positiveNanos(timeout, "timeout");
        this.timeout = timeout;
        this.executor = executor;
    }

    /**
     * Returns a timeout whose synchronous calls run on a new daemon thread each.
     *
     * @param timeout positive
     * @return a new timeout
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public static Timeout of(Duration timeout) {
        return new Timeout(timeout, null);
    }

    /**
     * Returns a timeout whose synchronous calls run on {@code executor}.
     *
     * @param timeout positive
     * @param executor runs the calls; not null
     * @return a new timeout
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public static Timeout of(Duration timeout, Executor executor) {
        return new Timeout(timeout, Objects.requireNonNull(executor, "executor"));
    }

    /**
     * {@inheritDoc}
     *
     * @throws TimeoutExceededException if the call did not finish in time (it was interrupted)
     * @throws CancellationException if the caller was interrupted while waiting
     */
    @Override
    public <T, E extends Exception> T call(CheckedSupplier<T, E> supplier) throws E {
        Objects.requireNonNull(supplier, "supplier");
        FutureTask<T> task = new FutureTask<>(supplier::get);
        if (executor == null) {
            Thread t = new Thread(task, "strand-timeout");
            t.setDaemon(true);
            t.start();
        } else {
            executor.execute(task);
        }
        for (;;) {
            try {
                return task.get(nanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException late) {
                if (task.cancel(true)) {
                    throw new TimeoutExceededException(timeout);
                }
                // It finished just now: report its outcome (next get returns at once).
            } catch (ExecutionException failed) {
                // The call's own exception: E, unchecked or an Error, rethrown as it is.
                throw Sneaky.raise(failed.getCause());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                task.cancel(true);
                CancellationException e = new CancellationException("interrupted while waiting for the call");
                e.initCause(interrupted);
                throw e;
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * @return a future failed with {@link TimeoutExceededException} if the call's stage did not
     *         complete within the timeout
     */
    @Override
    public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> supplier,
                                              ScheduledExecutorService scheduler) {
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(scheduler, "scheduler");
        CompletionStage<T> stage;
        try {
            stage = Objects.requireNonNull(supplier.get(), "supplier returned a null stage");
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
        CompletableFuture<T> out = new CompletableFuture<>();
        AtomicBoolean timedOut = new AtomicBoolean();
        stage.whenComplete((r, t) -> {
            if (t == null) {
                out.complete(r);
            } else {
                // After a timeout, the stage's own CancellationException must not replace it.
                out.completeExceptionally(timedOut.get() ? new TimeoutExceededException(timeout) : Sneaky.unwrap(t));
            }
        });
        if (!out.isDone()) {
            ScheduledFuture<?> timer = scheduler.schedule(() -> {
                timedOut.set(true);
                // Cancel the call first, so that the returned future fails only once the call
                // has been told to stop; then fail it for a stage that cannot be cancelled.
                if (stage instanceof Future) {
                    ((Future<?>) stage).cancel(true);
                }
                out.completeExceptionally(new TimeoutExceededException(timeout));
            }, nanos, TimeUnit.NANOSECONDS);
            out.whenComplete((r, t) -> {
                timer.cancel(false);
                if (out.isCancelled() && stage instanceof Future) {
                    ((Future<?>) stage).cancel(true);
                }
            });
        }
        return out;
    }

    /**
     * Returns the timeout.
     *
     * @return the duration a call may take
     */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return "Timeout[" + timeout + "]";
    }
}
