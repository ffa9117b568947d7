package dev.strand.resilience;

import dev.strand.core.internal.Checks;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Limits how many calls run at once; a call beyond the limit is refused at once with
 * {@link BulkheadFullException} (it does not wait, and is not made).
 *
 * <pre>{@code
 * Bulkhead bh = Bulkhead.of(10);
 * String s = bh.call(() -> remote());      // at most 10 concurrent remote() calls
 * }</pre>
 *
 * <p>{@link #onEvent} listeners receive {@code BULKHEAD_ADMITTED} and {@code BULKHEAD_REJECTED}
 * events; a JDK Flight Recorder event {@code dev.strand.BulkheadRejected} is committed per
 * refusal when a recording enables it. The success path allocates nothing without listeners.
 *
 * <p>Thread-safe and lock-free (listeners may be added at any time); the permit of an async call is released when its stage
 * completes. Never parks a thread.
 */
public final class Bulkhead implements Policy {

    private static final VarHandle IN_USE = Handles.field(MethodHandles.lookup(), "inUse", int.class);

    private final int maxConcurrentCalls;
    private final Listeners<PolicyEvent> events = new Listeners<>();
    @SuppressWarnings("unused") // through IN_USE
    private volatile int inUse;

    private Bulkhead(int maxConcurrentCalls) {
        this.maxConcurrentCalls = maxConcurrentCalls;
    }

    /**
     * Returns a bulkhead admitting at most {@code maxConcurrentCalls} calls at once.
     *
     * @param maxConcurrentCalls at least 1
     * @return a new bulkhead
     * @throws IllegalArgumentException if {@code maxConcurrentCalls} is below 1
     */
    public static Bulkhead of(int maxConcurrentCalls) {
        return new Bulkhead(Checks.positive(maxConcurrentCalls, "maxConcurrentCalls"));
    }

    /**
     * {@inheritDoc}
     *
     * @throws BulkheadFullException if the maximum number of calls is already running
     */
    @Override
    public <T, E extends Exception> T call(CheckedSupplier<T, E> supplier) throws E {
        Objects.requireNonNull(supplier, "supplier");
        if (!admit()) {
            throw new BulkheadFullException(maxConcurrentCalls);
        }
        try {
            return supplier.get();
        } finally {
            release();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The permit is released when the call's stage completes. Cancelling the returned future
     * cancels the call's future (which, once it completes, releases the permit).
     */
    @Override
    public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> supplier,
                                              ScheduledExecutorService scheduler) {
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(scheduler, "scheduler");
        if (!admit()) {
            return CompletableFuture.failedFuture(new BulkheadFullException(maxConcurrentCalls));
        }
        CompletionStage<T> stage;
        try {
            stage = Objects.requireNonNull(supplier.get(), "supplier returned a null stage");
        } catch (Throwable t) {
            release();
            return CompletableFuture.failedFuture(t);
        }
        return Sneaky.relay(stage, failure -> release());
    }

    /**
     * Returns how many calls are running now (an estimate under concurrency).
     *
     * @return between 0 and the maximum
     */
    public int concurrentCalls() {
        return (int) IN_USE.getVolatile(this);
    }

    /**
     * Returns the limit.
     *
     * @return the maximum number of concurrent calls
     */
    public int maxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    /**
     * Adds a listener of this bulkhead's {@link PolicyEvent events}: {@code BULKHEAD_ADMITTED}
     * and {@code BULKHEAD_REJECTED}, once per call, on the calling thread, after the
     * compare-and-set that decided (outside its retry loop). A listener that throws is reported
     * to that thread's uncaught-exception handler and otherwise ignored: the call goes on (or is
     * refused) as decided. With no listener, no event is built.
     *
     * @param listener not null
     * @return this bulkhead
     */
    public Bulkhead onEvent(Consumer<? super PolicyEvent> listener) {
        events.add(listener);
        return this;
    }

    /** tryAcquire, then the events of its decision (after the CAS loop, once). */
    private boolean admit() {
        boolean admitted = tryAcquire();
        if (!admitted) {
            Jfr.bulkheadRejected(maxConcurrentCalls);
        }
        if (events.any()) {
            events.fire(PolicyEvent.of(admitted ? PolicyEvent.Type.BULKHEAD_ADMITTED : PolicyEvent.Type.BULKHEAD_REJECTED,
                    this, 0, null, null));
        }
        return admitted;
    }

    private boolean tryAcquire() {
        for (int n = (int) IN_USE.getVolatile(this); n < maxConcurrentCalls; n = (int) IN_USE.getVolatile(this)) {
            // CAS from a value under the limit: never more than the limit admitted.
            if (IN_USE.compareAndSet(this, n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    private void release() {
        IN_USE.getAndAdd(this, -1);
    }

    @Override
    public String toString() {
        return "Bulkhead[" + concurrentCalls() + "/" + maxConcurrentCalls + "]";
    }
}
