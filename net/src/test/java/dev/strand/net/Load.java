package dev.strand.net;

import dev.strand.net.Fixtures.Greeting;
import dev.strand.net.Fixtures.Hello;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A closed-loop request load for the cluster tests: {@code concurrency} requests in flight, each
 * completion sending the next, until {@code total} were sent; records each latency (measured,
 * never asserted in absolute terms) and each failure.
 */
final class Load {

    final long[] latencies;
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Connection connection;
    private final int total;
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final CountDownLatch done;
    private final IntConsumer onCompleted;
    private final ExecutorService next = Executors.newSingleThreadExecutor();

    private Load(Connection connection, int total, IntConsumer onCompleted) {
        this.connection = connection;
        this.total = total;
        this.latencies = new long[total];
        this.done = new CountDownLatch(total);
        this.onCompleted = onCompleted;
    }

    /** Runs the load to the end and returns it. */
    static Load run(Connection connection, int total, int concurrency, IntConsumer onCompleted)
            throws InterruptedException {
        Load load = new Load(connection, total, onCompleted);
        for (int i = 0; i < concurrency; i++) {
            load.next.execute(load::issue);
        }
        load.done.await();
        load.next.shutdown();
        load.next.awaitTermination(10, TimeUnit.SECONDS);
        return load;
    }

    static Load run(Connection connection, int total, int concurrency) throws InterruptedException {
        return run(connection, total, concurrency, n -> { });
    }

    private void issue() {
        int n = issued.getAndIncrement();
        if (n >= total) {
            return;
        }
        long start = System.nanoTime();
        connection.request(new Hello("load-" + n), Greeting.class, Duration.ofSeconds(20))
                .whenCompleteAsync((g, e) -> {
                    latencies[n] = System.nanoTime() - start;
                    if (e != null) {
                        failures.add(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
                    }
                    onCompleted.accept(completed.incrementAndGet());
                    done.countDown();
                    issue();
                }, next);
    }

    /** The latency at {@code percentile} (0-100), in milliseconds. */
    double percentileMillis(double percentile) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
