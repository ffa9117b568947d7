package dev.strand.examples.resilience;

import dev.strand.examples.Example;
import dev.strand.resilience.Backoff;
import dev.strand.resilience.Jitter;
import dev.strand.resilience.Retry;
import dev.strand.resilience.RetryExhaustedException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Rust original's tokio-retry example: exponential backoff with jitter, at most 5 attempts,
 * against an operation that fails a few times before it works; then the same retry giving up,
 * and the async form, whose waits are scheduled instead of slept.
 */
public final class RetryBackoffExample implements Example {

    @Override
    public String name() {
        return "retry-backoff";
    }

    @Override
    public String description() {
        return "retry a flaky operation with exponential backoff and full jitter (sync and async)";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        // ExponentialBackoff::from_millis(10).map(jitter).take(5), with a seed so the run is repeatable.
        Retry retry = Retry.builder()
                .maxAttempts(5)
                .backoff(Backoff.exponential(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(100)).jitter(Jitter.FULL))
                .retryOn(IOException.class)
                .random(new Random(42))
                .onRetry(e -> out.printf("  attempt %d failed (%s), retrying in %d ms%n",
                        e.attempt(), e.failure().getMessage(), e.nextDelay().toMillis()))
                .build();

        Flaky flaky = new Flaky(3);
        out.println("an operation that fails 3 times, then works:");
        String result = retry.call(flaky::call);
        out.println("  Success! " + result + " after " + flaky.calls.get() + " calls");

        Flaky hopeless = new Flaky(Integer.MAX_VALUE);
        out.println("an operation that never works:");
        try {
            retry.call(hopeless::call);
        } catch (RetryExhaustedException e) {
            out.println("  Failed after " + e.attempts() + " attempts; last failure: " + e.getCause().getMessage());
        }

        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            Flaky async = new Flaky(2);
            out.println("the async form, waits scheduled on an executor (no thread sleeps):");
            CompletableFuture<String> f = retry.callAsync(async::callAsync, scheduler);
            out.println("  Success! " + f.get(10, TimeUnit.SECONDS) + " after " + async.calls.get() + " calls");
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** Fails its first {@code failures} calls with an IOException. */
    private static final class Flaky {
        final AtomicInteger calls = new AtomicInteger();
        final int failures;

        Flaky(int failures) {
            this.failures = failures;
        }

        String call() throws IOException {
            int n = calls.incrementAndGet();
            if (n <= failures) {
                throw new IOException("connection reset #" + n);
            }
            return "data";
        }

        CompletableFuture<String> callAsync() {
            try {
                return CompletableFuture.completedFuture(call());
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }
}
