package dev.strand.resilience;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * One asynchronous run of a {@link Retry}: starts an attempt, and when its stage completes,
 * either completes {@link #result} or schedules the next attempt on the scheduler.
 *
 * <p>Overview: the run is a chain of steps, attempt -> completion callback -> scheduled wait ->
 * attempt, each step started by the previous one, so the plain fields ({@code attempt},
 * {@code prevDelay}, {@code earlier}) are only ever touched by one step at a time. The hand-offs
 * are ordered by the JDK: registering a callback on a stage happens-before the callback runs
 * (CompletableFuture pushes it with a CAS and the completer reads it back), and
 * {@code scheduler.schedule} happens-before the task runs (ExecutorService memory consistency).
 * Cancellation comes from outside: {@code result.isDone()} is checked before every attempt and
 * every scheduling, and a hook on {@code result} cancels the pending wait or attempt.
 */
final class AsyncRetry<T> implements BiConsumer<T, Throwable>, Runnable {

    final CompletableFuture<T> result = new CompletableFuture<>();

    private final Retry retry;
    private final Supplier<? extends CompletionStage<T>> supplier;
    private final ScheduledExecutorService scheduler;
    private final long start;

    private int attempt;
    private long prevDelay = -1;
    private List<Throwable> earlier;
    /** The scheduled wait or the running attempt's future: cancelled when {@link #result} is. */
    private volatile Future<?> pending;

    AsyncRetry(Retry retry, Supplier<? extends CompletionStage<T>> supplier, ScheduledExecutorService scheduler) {
        this.retry = retry;
        this.supplier = supplier;
        this.scheduler = scheduler;
        this.start = retry.startNanos();
    }

    void start() {
        result.whenComplete((r, t) -> {
            Future<?> p = pending;
            if (p != null && result.isCancelled()) {
                p.cancel(false);
            }
        });
        attempt();
    }

    /** The scheduled wait is over: make the next attempt. */
    @Override
    public void run() {
        attempt();
    }

    private void attempt() {
        if (result.isDone()) {
            return; // cancelled (or completed from outside): no further attempt
        }
        attempt++;
        CompletionStage<T> stage;
        try {
            stage = Objects.requireNonNull(supplier.get(), "supplier returned a null stage");
        } catch (Throwable t) {
            accept(null, t); // a supplier that throws is a failed attempt, like a failed stage
            return;
        }
        if (stage instanceof Future) {
            track((Future<?>) stage);
        }
        stage.whenComplete(this);
    }

    /** The attempt's stage completed. */
    @Override
    public void accept(T value, Throwable error) {
        if (result.isDone()) {
            return;
        }
        try {
            Throwable failure = error == null ? null : Sneaky.unwrap(error);
            Object rejected = null;
            if (failure == null) {
                if (!retry.rejects(value)) {
                    if (attempt > 1) {
                        retry.succeeded(attempt);
                    }
                    result.complete(value);
                    return;
                }
                rejected = value;
            } else if (!retry.retryable(failure)) {
                retry.aborted(attempt, failure);
                result.completeExceptionally(failure);
                return;
            }
            long drawn = retry.nextDelay(attempt, prevDelay);
            long wait = drawn < 0 ? -1 : retry.clampToDeadline(drawn, start);
            if (wait < 0) {
                retry.exhaustedEvent(attempt, failure);
                result.completeExceptionally(Retry.exhausted(attempt, failure, rejected, earlier, null));
                return;
            }
            retry.retrying(attempt, failure, rejected, wait);
            earlier = Retry.remember(earlier, failure);
            prevDelay = drawn;
            track(scheduler.schedule(this, wait, TimeUnit.NANOSECONDS));
        } catch (Throwable t) {
            // A predicate threw, or the scheduler refused the task: end the run.
            result.completeExceptionally(t);
        }
    }

    /** Publishes the pending future, then re-checks for a cancel that raced with it. */
    private void track(Future<?> f) {
        pending = f;
        if (result.isCancelled()) {
            f.cancel(false);
        }
    }
}
