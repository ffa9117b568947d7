package dev.strand.resilience;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/** Two policies, one wrapping the other: what {@link Policy#chain} builds. */
final class Chain implements Policy {

    private final Policy outer;
    private final Policy inner;

    Chain(Policy outer, Policy inner) {
        this.outer = outer;
        this.inner = inner;
    }

    @Override
    public <T, E extends Exception> T call(CheckedSupplier<T, E> supplier) throws E {
        java.util.Objects.requireNonNull(supplier, "supplier");
        return outer.call(() -> inner.call(supplier));
    }

    @Override
    public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> supplier,
                                              ScheduledExecutorService scheduler) {
        java.util.Objects.requireNonNull(supplier, "supplier");
        java.util.Objects.requireNonNull(scheduler, "scheduler");
        return outer.callAsync(() -> inner.callAsync(supplier, scheduler), scheduler);
    }

    @Override
    public String toString() {
        return outer + " -> " + inner;
    }
}
