package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A well-behaved client on its own connection that keeps making requests and checking the
 * replies while a test abuses the server on other connections.
 */
final class Bystander {

    private final Connection connection;
    private final Thread thread;
    private final AtomicInteger ok = new AtomicInteger();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private volatile boolean stop;
    /** Round-trip times in nanoseconds, in order. */
    private final List<Long> latencies = new CopyOnWriteArrayList<>();

    Bystander(NetServer server) throws InterruptedException {
        this.connection = Fixtures.client().keepAlive(Duration.ofMillis(100)).connect(Fixtures.address(server));
        this.thread = new Thread(this::run, "bystander");
        thread.start();
    }

    private void run() {
        int i = 0;
        while (!stop) {
            Fixtures.Echo sent = new Fixtures.Echo("bystander " + i++);
            try {
                long start = System.nanoTime();
                Fixtures.Echo got = connection.request(sent, Fixtures.Echo.class, Duration.ofSeconds(5)).get();
                latencies.add(System.nanoTime() - start);
                if (got.equals(sent)) {
                    ok.incrementAndGet();
                    synchronized (this) {
                        notifyAll();
                    }
                } else {
                    failures.add(new AssertionError("wrong reply " + got + " to " + sent));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.add(e);
                return;
            }
        }
    }

    /** The round trips answered correctly so far. */
    int answered() {
        return ok.get();
    }

    /** Blocks until at least {@code n} round trips were answered correctly, or the bystander failed. */
    synchronized void awaitAnswered(int n) throws InterruptedException {
        while (ok.get() < n && failures.isEmpty() && thread.isAlive()) {
            wait(100); // woken by each answer; the bound only rechecks a bystander that died
        }
        assertThat(failures).as("bystander failures").isEmpty();
    }

    /** Forgets the round-trip times so far: the warm-up (first connection, JIT) is not measured. */
    void resetLatencies() {
        latencies.clear();
    }

    /** The 99th percentile round-trip time so far, in milliseconds (0 if none). */
    double p99Millis() {
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
    }

    /** Stops, then asserts that every request it made was answered correctly, at least one. */
    void finish() throws InterruptedException {
        // One more checked round trip after the abuse, however quick the abuse was.
        Fixtures.Echo last = new Fixtures.Echo("last");
        try {
            assertThat(connection.request(last, Fixtures.Echo.class, Duration.ofSeconds(5)).get()).isEqualTo(last);
            // Counted: under load the abuse can end before the bystander thread made its first
            // round trip, and then this one is the only proof the connection kept serving.
            ok.incrementAndGet();
        } catch (java.util.concurrent.ExecutionException e) {
            failures.add(e.getCause());
        }
        stop = true;
        thread.join();
        connection.close();
        assertThat(failures).as("bystander failures").isEmpty();
        assertThat(ok.get()).isPositive();
    }
}
