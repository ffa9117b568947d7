package dev.strand.net;

import java.util.concurrent.CompletableFuture;

/**
 * A future whose successful {@code cancel} also cancels what it stands for (a request, on the
 * wire): a request's entry ({@link PendingRequests.Pending}) and a proxy's call relayed over
 * another connection ({@link RpcProxy.Relay}). Stages derived from it are plain futures:
 * cancelling one of them cancels nothing else. Thread-safe, as {@code CompletableFuture}.
 *
 * @param <T> the value
 */
abstract class CancellableFuture<T> extends CompletableFuture<T> {

    /** Called once, on the cancelling thread, after this future was cancelled. */
    abstract void cancelled(boolean mayInterruptIfRunning);

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            cancelled(mayInterruptIfRunning);
        }
        return cancelled;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
