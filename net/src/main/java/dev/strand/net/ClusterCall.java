package dev.strand.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One request through a {@link Cluster}: its attempts (the first, retries after failures, a
 * hedged copy after a delay) and the one future the caller holds.
 *
 * <p>Overview. {@link #start} sends the first attempt and, for an idempotent request with
 * hedging on, arms the hedge timer. Each attempt's completion ({@link #done}) records its
 * outcome in the endpoint's breaker and latency estimate, then: a reply completes the caller's
 * future after cancelling the other attempt (which sends its endpoint a {@code $cancel}
 * frame, so the copy is not run there if it has not started); a cancellation (this call cancelled a losing attempt)
 * gives the breaker permit back; a failure is retried on an endpoint not yet tried when the
 * request is idempotent, the failure retryable, attempts are left and the retry budget allows,
 * and otherwise fails the caller's future once no other attempt is still running.
 *
 * <p>Thread-safety: attempts complete on I/O threads and the hedge fires on the cluster's
 * timer, possibly at once; the bookkeeping ({@code tried}, {@code running}, {@code failures},
 * {@code outstanding}) is guarded by this object's lock, which also covers choosing the
 * endpoint (and taking its breaker permit). Sends, recording outcomes and completing futures
 * happen outside it, so a future completed synchronously by a send (a connection
 * just lost) re-enters {@link #done} without holding it.
 */
final class ClusterCall<R> {

    /** How many earlier failures the final one carries as suppressed. */
    private static final int MAX_SUPPRESSED = 8;

    private final Cluster cluster;
    private final Object request;
    private final Class<R> replyType;
    private final long deadline;
    private final boolean idempotent;
    private final CompletableFuture<R> result = new CompletableFuture<>();

    private final List<ClusterEndpoint> tried = new ArrayList<>(2);
    private final List<CompletableFuture<R>> running = new ArrayList<>(2);
    private final List<Throwable> failures = new ArrayList<>(1);
    private int outstanding;
    private Future<?> hedge;

    ClusterCall(Cluster cluster, Object request, Class<R> replyType, Duration timeout, boolean idempotent) {
        this.cluster = cluster;
        this.request = request;
        this.replyType = replyType;
        long now = cluster.ticker.nanoTime();
        long nanos = timeout.toNanos();
        this.deadline = now + nanos < now ? Long.MAX_VALUE : now + nanos;
        this.idempotent = idempotent;
    }

    /**
     * Sends the first attempt.
     *
     * @throws IllegalArgumentException if the connection refuses the request at once (its type
     *                                  is not registered)
     */
    CompletableFuture<R> start() {
        attempt(true);
        if (idempotent && cluster.hedgeDelay != null && !result.isDone()) {
            try {
                Future<?> h = cluster.timer.schedule(this::hedge, cluster.hedgeDelay.nanos(), TimeUnit.NANOSECONDS);
                synchronized (this) {
                    hedge = h;
                }
                if (result.isDone()) {
                    h.cancel(false);
                }
            } catch (RejectedExecutionException closed) {
                // the cluster is closing: no hedge
            }
        }
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                cancelRunning(null); // the caller gave up: stop the attempts too
            }
        });
        return result;
    }

    /** Sends one attempt to an endpoint not tried yet; with none, fails the call if nothing runs. */
    private void attempt(boolean first) {
        ClusterEndpoint e;
        Throwable fail = null;
        synchronized (this) {
            if (result.isDone()) {
                return;
            }
            e = cluster.pick(tried);
            if (e == null) {
                if (outstanding == 0) {
                    fail = finalFailure();
                }
            } else {
                tried.add(e);
                outstanding++;
            }
        }
        if (e == null) {
            fail(fail);
            return;
        }
        e.inFlight.incrementAndGet();
        long start = cluster.ticker.nanoTime();
        Connection c = e.connection;
        long remaining = deadline - start;
        CompletableFuture<R> f;
        if (c == null) {
            f = CompletableFuture.failedFuture(new ConnectionLostException("not connected to " + e.address, null,
                    request));
        } else if (remaining <= 0) {
            f = CompletableFuture.failedFuture(new TimeoutException("deadline passed before an attempt on "
                    + e.address));
        } else {
            try {
                f = c.request(request, replyType, Duration.ofNanos(remaining));
            } catch (RuntimeException refused) {
                // The caller's mistake (an unregistered type): the same on every endpoint.
                e.breaker.releasePermit();
                synchronized (this) {
                    outstanding--;
                }
                cluster.endpointDone(e);
                if (first) {
                    throw refused;
                }
                result.completeExceptionally(refused);
                return;
            }
        }
        cluster.attempts.increment();
        e.attempts.increment();
        synchronized (this) {
            running.add(f);
        }
        f.whenComplete((value, error) -> done(e, f, start, value, error));
    }

    private void done(ClusterEndpoint e, CompletableFuture<R> f, long start, R value, Throwable error) {
        long took = Math.max(0, cluster.ticker.nanoTime() - start);
        Throwable cause = unwrap(error);
        if (cause instanceof CancellationException && f.isCancelled()) {
            e.breaker.releasePermit(); // a losing hedge or a caller's cancel: no verdict on the endpoint
            cluster.endpointDone(e);
            synchronized (this) {
                outstanding--;
                running.remove(f);
            }
            return;
        }
        e.observe(took);
        if (cause == null) {
            e.breaker.onSuccess(took);
            if (cluster.hedgeDelay != null && !cluster.fixedHedge) {
                cluster.hedgeDelay.record(took);
            }
            cluster.endpointDone(e);
            // The losers first: their cancel frames are queued before the caller sees the reply.
            // Two attempts succeeding at once cancel each other's finished future: a no-op.
            cancelRunning(f);
            result.complete(value);
            return;
        }
        e.failures.increment();
        e.breaker.onFailure(took, cause);
        cluster.endpointDone(e);
        boolean retry;
        Throwable fail = null;
        synchronized (this) {
            outstanding--;
            running.remove(f);
            failures.add(cause);
            if (result.isDone()) {
                return;
            }
            retry = idempotent && tried.size() < cluster.maxAttempts && cluster.retryable(cause);
            if (!retry && outstanding == 0) {
                fail = finalFailure();
            }
        }
        if (!retry) {
            fail(fail);
            return;
        }
        if (!cluster.budget.tryWithdraw()) {
            cluster.budgetRefusals.increment();
            synchronized (this) {
                if (outstanding == 0) {
                    fail = finalFailure();
                }
            }
            fail(fail);
            return;
        }
        cluster.retries.increment();
        attempt(false);
    }

    /** The hedge timer fired: a second copy, if the first is still running and the budget allows. */
    private void hedge() {
        synchronized (this) {
            if (result.isDone() || outstanding == 0 || tried.size() >= cluster.maxAttempts) {
                return;
            }
        }
        if (!cluster.budget.tryWithdraw()) {
            cluster.budgetRefusals.increment();
            return;
        }
        cluster.hedges.increment();
        try {
            attempt(false);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /**
     * The failure the call ends with: the last attempt's (earlier ones suppressed, once), or "no
     * endpoint" when no attempt was made. Called with the lock held, once nothing runs.
     */
    private Throwable finalFailure() {
        Throwable last;
        if (failures.isEmpty()) {
            last = cluster.noEndpoint(request, tried.size());
        } else {
            last = failures.get(failures.size() - 1);
            int from = Math.max(0, failures.size() - 1 - MAX_SUPPRESSED);
            for (int i = from; i < failures.size() - 1; i++) {
                if (failures.get(i) != last) {
                    last.addSuppressed(failures.get(i));
                }
            }
        }
        failures.clear(); // a second call (two attempts ending together) adds nothing twice
        failures.add(last);
        return last;
    }

    /** Fails the caller's future with {@code failure} (when not null) and stops the hedge timer; no lock held. */
    private void fail(Throwable failure) {
        if (failure == null) {
            return;
        }
        Future<?> h;
        synchronized (this) {
            h = hedge;
        }
        if (h != null) {
            h.cancel(false);
        }
        result.completeExceptionally(failure);
    }

    /** Cancels every running attempt but {@code winner}, and the hedge timer. */
    private void cancelRunning(CompletableFuture<R> winner) {
        List<CompletableFuture<R>> others;
        Future<?> h;
        synchronized (this) {
            others = new ArrayList<>(running);
            h = hedge;
        }
        if (h != null) {
            h.cancel(false);
        }
        for (CompletableFuture<R> other : others) {
            if (other != winner) {
                other.cancel(false);
            }
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
