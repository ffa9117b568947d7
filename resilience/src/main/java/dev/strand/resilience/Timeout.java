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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Gives up on a call that takes too long, with {@link TimeoutExceededException}.
 *
 * <pre>{@code
 * Timeout t = Timeout.of(Duration.ofMillis(200));
 * String s = t.call(() -> slowRemote());            // on the caller, interrupted at 200 ms
 * String r = Timeout.of(Duration.ofMillis(200), executor)
 *         .call(() -> slowRemote());                // on executor; the caller waits 200 ms at most
 * CompletableFuture<String> f = t.callAsync(() -> remoteAsync());   // default scheduler
 * }</pre>
 *
 * <ul>
 *   <li>Sync, {@link #of(Duration)}: the call runs on the calling thread; a timer on the
 *       library's one shared scheduler (a lazily started daemon thread,
 *       {@code strand-resilience-scheduler}; no thread per call) interrupts that thread when
 *       the timeout passes. When the call then returns or throws, its outcome is dropped, the
 *       timer's interrupt is cleared and {@code TimeoutExceededException} is thrown. A call
 *       that ignores interrupts is therefore only reported late, when it returns. An interrupt
 *       from elsewhere that arrives together with the timeout's is cleared with it.</li>
 *   <li>Sync, {@link #of(Duration, Executor)}: the call runs on the given executor while the
 *       caller waits at most the timeout; on timeout the call is interrupted (it stops only if
 *       it responds to interrupts). If the waiting caller is interrupted, the call is
 *       interrupted too, the caller's interrupt status is set again and a
 *       {@link CancellationException} is thrown.</li>
 *   <li>Async: a task scheduled on the given scheduler (or the shared one, for
 *       {@link #callAsync(Supplier)}) completes the returned future with
 *       {@code TimeoutExceededException} and cancels the call's future; nothing blocks.</li>
 * </ul>
 *
 * <p>Thread-safe; the configuration is immutable, listeners may be added at any time.
 */
public final class Timeout implements Policy {

    private final Duration timeout;
    private final long nanos;
    private final Executor executor;
    private final Listeners<PolicyEvent> events = new Listeners<>();

    private Timeout(Duration timeout, Executor executor) {
        this.nanos = Backoff.positiveNanos(timeout, "timeout");
        this.timeout = timeout;
        this.executor = executor;
    }

    /**
     * Returns a timeout whose synchronous calls run on the calling thread, interrupted by a
     * timer on the shared scheduler when the timeout passes.
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
        if (executor == null) {
            return callOnCaller(supplier);
        }
        FutureTask<T> task = new FutureTask<>(supplier::get);
        executor.execute(task);
        for (;;) {
            try {
                return task.get(nanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException late) {
                if (task.cancel(true)) {
                    throw timedOut();
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

    /** Runs the call on this thread; a timer on the shared scheduler interrupts it at the deadline. */
    private <T, E extends Exception> T callOnCaller(CheckedSupplier<T, E> supplier) throws E {
        Interrupter timer = new Interrupter(Thread.currentThread());
        ScheduledFuture<?> scheduled = SharedScheduler.get().schedule(timer, nanos, TimeUnit.NANOSECONDS);
        T result = null;
        Throwable failure = null;
        try {
            result = supplier.get();
        } catch (Throwable t) {
            failure = t;
        }
        if (timer.finish()) {
            scheduled.cancel(false);
            if (failure != null) {
                throw Sneaky.raise(failure); // the call's own E, unchecked or Error, as it is
            }
            return result;
        }
        timer.awaitInterrupt();
        Thread.interrupted(); // the timer's interrupt is ours to clear
        TimeoutExceededException e = timedOut();
        if (failure != null && !(failure instanceof InterruptedException)) {
            e.addSuppressed(failure);
        }
        throw e;
    }

    /**
     * The timer of one synchronous call on the caller: exactly one of {@link #finish()} (the
     * call returned first) and {@link #run()} (the deadline came first) wins the CAS from
     * RUNNING. The loser of a won run waits for the interrupt to be delivered before clearing
     * it, so a late interrupt never leaks into the caller's next blocking call.
     */
    private static final class Interrupter extends AtomicInteger implements Runnable {
        private static final long serialVersionUID = 1L;
        private static final int RUNNING = 0;
        private static final int DONE = 1;
        private static final int FIRING = 2;
        private static final int FIRED = 3;

        private final transient Thread caller;

        Interrupter(Thread caller) {
            this.caller = caller;
        }

        @Override
        public void run() {
            if (compareAndSet(RUNNING, FIRING)) {
                caller.interrupt();
                set(FIRED);
            }
        }

        boolean finish() {
            return compareAndSet(RUNNING, DONE);
        }

        void awaitInterrupt() {
            while (get() != FIRED) {
                Thread.onSpinWait(); // the timer is between its CAS and interrupt(): a few instructions
            }
        }
    }

    private TimeoutExceededException timedOut() {
        if (events.any()) {
            events.fire(PolicyEvent.of(PolicyEvent.Type.TIMEOUT_TIMED_OUT, this, 0, null, timeout));
        }
        return new TimeoutExceededException(timeout);
    }



    /**
     * Adds a listener of this timeout's {@link PolicyEvent events}: {@code TIMEOUT_TIMED_OUT},
     * once per call that timed out, on the thread that gives up (the caller, or the scheduler's
     * thread for {@link #callAsync}). A listener that throws is reported to that thread's
     * uncaught-exception handler and otherwise ignored. With no listener, no event is built.
     *
     * @param listener not null
     * @return this timeout
     */
    public Timeout onEvent(Consumer<? super PolicyEvent> listener) {
        events.add(listener);
        return this;
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
        // Exactly one of the stage's completion and the timer decides the outcome (a CAS from
        // null), so a timeout is reported once and only when it is the outcome.
        AtomicReference<Object> decided = new AtomicReference<>();
        stage.whenComplete((r, t) -> {
            if (!decided.compareAndSet(null, stage)) {
                return; // the timer won: out fails with TimeoutExceededException
            }
            if (t == null) {
                out.complete(r);
            } else {
                out.completeExceptionally(Sneaky.unwrap(t));
            }
        });
        if (!out.isDone()) {
            ScheduledFuture<?> timer = scheduler.schedule(() -> {
                if (!decided.compareAndSet(null, this)) {
                    return; // completed just in time
                }
                TimeoutExceededException e = timedOut(); // listeners run before the caller sees it
                // Cancel the call first, so that the returned future fails only once the call
                // has been told to stop.
                if (stage instanceof Future) {
                    ((Future<?>) stage).cancel(true);
                }
                out.completeExceptionally(e);
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
