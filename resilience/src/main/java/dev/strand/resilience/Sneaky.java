package dev.strand.resilience;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Rethrows a throwable without wrapping it; relays a stage's outcome. */
final class Sneaky {

    private Sneaky() {
    }

    /**
     * Throws {@code t} as it is. Only called with a throwable that the protected call itself
     * threw, so it is that call's declared {@code E}, unchecked, or an {@link Error}: the
     * unchecked cast never lets a checked exception escape a signature that does not declare it.
     */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException raise(Throwable t) throws E {
        throw (E) t;
    }

    /**
     * Completes a new future with {@code stage}'s outcome (unwrapped), after running
     * {@code onDone}; cancelling the returned future cancels {@code stage} if it is a
     * {@link Future}, so a cancel travels down a chain of policies.
     */
    static <T> CompletableFuture<T> relay(CompletionStage<T> stage,
                                                              Consumer<Throwable> onDone) {
        CompletableFuture<T> out = new CompletableFuture<>();
        stage.whenComplete((r, t) -> {
            Throwable failure = t == null ? null : unwrap(t);
            onDone.accept(failure);
            if (failure == null) {
                out.complete(r);
            } else {
                out.completeExceptionally(failure);
            }
        });
        if (stage instanceof Future) {
            out.whenComplete((r, t) -> {
                if (out.isCancelled()) {
                    ((Future<?>) stage).cancel(true);
                }
            });
        }
        return out;
    }

    /** Unwraps the {@code CompletionException}/{@code ExecutionException} around a future's failure. */
    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException
                || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
