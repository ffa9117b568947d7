package dev.strand.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Replaces a failed call's exception by a value: the primary service failed, ask the secondary.
 *
 * <pre>{@code
 * Fallback<String> fb = Fallback.of(e -> "cached");                       // on any Exception
 * Fallback<String> fb2 = Fallback.<String>builder()
 *         .handle(IOException.class)
 *         .to(e -> secondary())
 *         .build();
 * String s = fb2.call(() -> primary());
 * String t = Policy.chain(fb, retry, breaker).call(() -> primary());    // a Policy like the others
 * }</pre>
 *
 * <p>A {@code Fallback} is a {@link Policy}, so it goes into {@link Policy#chain} (usually
 * outermost). The typing is the caller's promise: a {@code Fallback<T>} must only protect calls
 * whose result type is {@code T} (or a supertype of it), since {@link Policy#call} is generic
 * in the call's type and the fallback value is returned as that type; used on a call of another
 * type, the caller gets a {@code ClassCastException} where it uses the value.
 *
 * <p>Exceptions that it does not handle propagate unchanged, with their own type; an
 * {@link InterruptedException} is never handled (the interrupt status is set again and it
 * propagates). Errors are never handled. An exception thrown by the fallback function
 * propagates (with the original failure attached as suppressed).
 *
 * <p>Thread-safe; the configuration is immutable, listeners may be added at any time.
 *
 * @param <T> the result type
 */
public final class Fallback<T> implements Policy {

    private final FailureRules failures;
    private final Function<? super Exception, ? extends T> to;
    private final Listeners<PolicyEvent> events = new Listeners<>();

    private Fallback(FailureRules failures, Function<? super Exception, ? extends T> to) {
        this.failures = failures;
        this.to = to;
    }

    /**
     * Returns a fallback that handles every {@code Exception} (but {@code InterruptedException}).
     *
     * @param to computes the replacement from the failure; not null
     * @param <T> the result type
     * @return a new fallback
     */
    public static <T> Fallback<T> of(Function<? super Exception, ? extends T> to) {
        return Fallback.<T>builder().to(to).build();
    }

    /**
     * Returns a builder, to handle only some exceptions.
     *
     * @param <T> the result type
     * @return a new builder
     */
    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /**
     * Makes the call; if it throws a handled exception, returns the fallback's value instead.
     *
     * @param supplier the call; not null; its result type must be {@code T} or a supertype
     * @param <U> the call's result type
     * @param <E> the call's checked exception
     * @return the call's result, or the fallback value
     * @throws E if the call throws an exception this fallback does not handle
     */
    @Override
    public <U, E extends Exception> U call(CheckedSupplier<U, E> supplier) throws E {
        Objects.requireNonNull(supplier, "supplier");
        try {
            return supplier.get();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw e;
            }
            if (!handles(e)) {
                throw e;
            }
            return cast(apply(e));
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code scheduler} is not used (a fallback never waits); the same as
     * {@link #callAsync(Supplier)}.
     */
    @Override
    public <U> CompletableFuture<U> callAsync(Supplier<? extends CompletionStage<U>> supplier,
                                              ScheduledExecutorService scheduler) {
        Objects.requireNonNull(scheduler, "scheduler");
        return callAsync(supplier);
    }

    /**
     * Adds a listener of this fallback's {@link PolicyEvent events}: {@code FALLBACK_USED}, once
     * per handled failure, on the thread that saw it, before the fallback function runs. A
     * listener that throws is reported to that thread's uncaught-exception handler and otherwise
     * ignored. With no listener, no event is built.
     *
     * @param listener not null
     * @return this fallback
     */
    public Fallback<T> onEvent(Consumer<? super PolicyEvent> listener) {
        events.add(listener);
        return this;
    }

    /** The fallback value as the call's type: the caller's promise (see the class comment). */
    @SuppressWarnings("unchecked")
    private static <U> U cast(Object value) {
        return (U) value;
    }

    /**
     * Makes the asynchronous call; if its stage fails (or the supplier throws) with a handled
     * exception, completes with the fallback's value instead. Never blocks.
     *
     * @param supplier starts the call; not null; its result type must be {@code T} or a supertype
     * @param <U> the call's result type
     * @return a future of the result or the fallback value; otherwise failed with the call's
     *         (unwrapped) exception
     */
    @Override
    public <U> CompletableFuture<U> callAsync(Supplier<? extends CompletionStage<U>> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        CompletableFuture<U> out = new CompletableFuture<>();
        CompletionStage<U> stage;
        try {
            stage = Objects.requireNonNull(supplier.get(), "supplier returned a null stage");
        } catch (Throwable t) {
            complete(out, null, t);
            return out;
        }
        stage.whenComplete((r, t) -> complete(out, r, t));
        return out;
    }

    private <U> void complete(CompletableFuture<U> out, U value, Throwable error) {
        if (error == null) {
            out.complete(value);
            return;
        }
        Throwable failure = Sneaky.unwrap(error);
        if (failure instanceof Exception && !(failure instanceof InterruptedException) && handles((Exception) failure)) {
            try {
                out.complete(cast(apply((Exception) failure)));
            } catch (Throwable t) {
                out.completeExceptionally(t);
            }
        } else {
            out.completeExceptionally(failure);
        }
    }

    private boolean handles(Exception e) {
        return failures.records(e);
    }

    private T apply(Exception e) {
        if (events.any()) {
            events.fire(PolicyEvent.of(PolicyEvent.Type.FALLBACK_USED, this, 0, e, null));
        }
        try {
            return to.apply(e);
        } catch (RuntimeException | Error fromFallback) {
            fromFallback.addSuppressed(e);
            throw fromFallback;
        }
    }

    /**
     * Configures a {@link Fallback}. Like every Strand builder, it mutates in place and each setter returns {@code this}
     * (so {@code builder.handle(IOException.class);} on its own takes effect); {@link #build()} takes an immutable copy,
     * so changing the builder afterwards does not affect what was built, and a builder may build
     * again. Not thread-safe: confine a builder to one thread.
     *
     * @param <T> the result type
     */
    public static final class Builder<T> extends FailurePolicyBuilder<Builder<T>, Exception> {
        private Function<? super Exception, ? extends T> to;

        private Builder() {
            super(Exception.class);
        }

        /**
         * Handles exceptions of these types (and subtypes): the same as {@code recordOn}.
         * Adds to earlier calls. With no type and no predicate, every {@code Exception} is
         * handled.
         *
         * @param types not null, no null element
         * @return this builder
         */
        @SafeVarargs
        @SuppressWarnings("varargs") // the array is only read, never stored or exposed
        public final Builder<T> handle(Class<? extends Exception>... types) {
            return recordOn(types);
        }

        /**
         * Handles exceptions that {@code predicate} accepts (besides the {@code handle} types):
         * the same as {@code recordIf}.
         *
         * @param predicate not null
         * @return this builder
         */
        public Builder<T> handleIf(Predicate<? super Exception> predicate) {
            return recordIf(predicate);
        }

        /**
         * Sets how the replacement value is computed from the failure.
         *
         * @param to not null
         * @return this builder
         */
        public Builder<T> to(Function<? super Exception, ? extends T> to) {
            this.to = Objects.requireNonNull(to, "to");
            return this;
        }

        /**
         * Builds the fallback.
         *
         * @return a new fallback
         * @throws IllegalStateException if {@link #to} was not set
         */
        public Fallback<T> build() {
            if (to == null) {
                throw new IllegalStateException("to(...) must be set before build()");
            }
            return new Fallback<>(rules(), to);
        }
    }
}
