package dev.strand.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
 * String s = fb2.call(() -> primary());                                  // or around a chain:
 * String t = fb.call(() -> policy.call(() -> primary()));
 * }</pre>
 *
 * <p>Exceptions that it does not handle propagate unchanged, with their own type; an
 * {@link InterruptedException} is never handled (the interrupt status is set again and it
 * propagates). Errors are never handled. An exception thrown by the fallback function
 * propagates (with the original failure attached as suppressed).
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the result type
 */
public final class Fallback<T> {

    private final FailureRules failures;
    private final Function<? super Exception, ? extends T> to;

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
     * @param supplier the call; not null
     * @param <E> the call's checked exception
     * @return the call's result, or the fallback value
     * @throws E if the call throws an exception this fallback does not handle
     */
    public <E extends Exception> T call(CheckedSupplier<? extends T, E> supplier) throws E {
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
            return apply(e);
        }
    }

    /**
     * Makes the asynchronous call; if its stage fails (or the supplier throws) with a handled
     * exception, completes with the fallback's value instead. Never blocks.
     *
     * @param supplier starts the call; not null
     * @return a future of the result or the fallback value; otherwise failed with the call's
     *         (unwrapped) exception
     */
    public CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<? extends T>> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        CompletableFuture<T> out = new CompletableFuture<>();
        CompletionStage<? extends T> stage;
        try {
            stage = Objects.requireNonNull(supplier.get(), "supplier returned a null stage");
        } catch (Throwable t) {
            complete(out, null, t);
            return out;
        }
        stage.whenComplete((r, t) -> complete(out, r, t));
        return out;
    }

    private void complete(CompletableFuture<T> out, T value, Throwable error) {
        if (error == null) {
            out.complete(value);
            return;
        }
        Throwable failure = Sneaky.unwrap(error);
        if (failure instanceof Exception && !(failure instanceof InterruptedException) && handles((Exception) failure)) {
            try {
                out.complete(apply((Exception) failure));
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
        try {
            return to.apply(e);
        } catch (RuntimeException | Error fromFallback) {
            fromFallback.addSuppressed(e);
            throw fromFallback;
        }
    }

    /**
     * Configures a {@link Fallback}. Not thread-safe.
     *
     * @param <T> the result type
     */
    public static final class Builder<T> extends FailurePolicyBuilder<Builder<T>, Exception> {
        private Function<? super Exception, ? extends T> to;

        private Builder() {
            super(Exception.class);
        }

        /**
         * Handles exceptions of these types (and subtypes): the same as {@link #recordOn recordOn}.
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
         * the same as {@link #recordIf recordIf}.
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
