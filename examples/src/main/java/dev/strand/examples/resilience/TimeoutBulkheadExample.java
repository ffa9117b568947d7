package dev.strand.examples.resilience;

import dev.strand.examples.Example;
import dev.strand.resilience.Bulkhead;
import dev.strand.resilience.BulkheadFullException;
import dev.strand.resilience.Policy;
import dev.strand.resilience.Retry;
import dev.strand.resilience.Backoff;
import dev.strand.resilience.Timeout;
import dev.strand.resilience.TimeoutExceededException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A timeout on an async call that never answers, a bulkhead refusing a third concurrent call,
 * and a chain: a retry around a timeout, so that each attempt gets its own deadline.
 */
public final class TimeoutBulkheadExample implements Example {

    @Override
    public String name() {
        return "timeout-bulkhead";
    }

    @Override
    public String description() {
        return "time out a call that never answers, cap concurrent calls, chain retry around timeout";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            Timeout timeout = Timeout.of(Duration.ofMillis(50));
            CompletableFuture<String> never = new CompletableFuture<>();
            try {
                timeout.callAsync(() -> never, scheduler).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                out.println("timeout: " + e.getCause().getMessage() + "; the call was cancelled: " + never.isCancelled());
            }

            Bulkhead bulkhead = Bulkhead.of(2);
            CompletableFuture<String> a = new CompletableFuture<>();
            CompletableFuture<String> b = new CompletableFuture<>();
            bulkhead.callAsync(() -> a, scheduler);
            bulkhead.callAsync(() -> b, scheduler);
            try {
                bulkhead.call(() -> "third");
            } catch (BulkheadFullException e) {
                out.println("bulkhead: " + e.getMessage());
            }
            a.complete("a");
            out.println("bulkhead: after one call finished, a new one runs: " + bulkhead.call(() -> "third"));
            b.complete("b");

            AtomicInteger attempts = new AtomicInteger();
            Policy policy = Policy.chain(Retry.of(3, Backoff.fixed(Duration.ZERO)), timeout);
            String s = policy.callAsync(() -> attempts.incrementAndGet() < 3
                    ? new CompletableFuture<String>()                       // hangs: times out
                    : CompletableFuture.completedFuture("answer"), scheduler).get(10, TimeUnit.SECONDS);
            out.println("retry(timeout): got '" + s + "' on attempt " + attempts.get()
                    + " (the first two timed out with " + TimeoutExceededException.class.getSimpleName() + ")");
        } finally {
            scheduler.shutdownNow();
        }
    }
}
