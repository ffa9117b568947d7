package dev.strand.jmh.net;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The latency of each request of a request-reply benchmark (send to reply), kept in an
 * HdrHistogram over the measurement iterations and printed at the end of the trial as the
 * {@code LATENCY} line that {@code jmh/report.sh} reads. Recording is thread-safe (a
 * {@link Recorder}); the iteration and trial hooks run on JMH's thread.
 */
final class LatencyLog {

    private final Recorder recorder = new Recorder(3);
    private final Histogram measured = new Histogram(3);
    private boolean measuring;

    /** At the start of an iteration: forget what warm-up recorded. */
    void startIteration(IterationParams params) {
        recorder.reset();
        measuring = params.getType() == IterationType.MEASUREMENT;
    }

    /** At the end of an iteration: keep what a measurement iteration recorded. */
    void endIteration() {
        if (measuring) {
            measured.add(recorder.getIntervalHistogram());
        }
    }

    /** At the end of a trial: prints the {@code LATENCY} line and starts afresh. */
    void print(BenchmarkParams params, String system) {
        System.out.printf("%nLATENCY %s system=%s p50=%.1fus p99=%.1fus n=%d%n", params.getBenchmark(), system,
                measured.getValueAtPercentile(50) / 1000.0, measured.getValueAtPercentile(99) / 1000.0,
                measured.getTotalCount());
        measured.reset();
    }

    /** Records the latency of the request sent at {@code startNanos} when its reply (or failure) comes. */
    <T> CompletableFuture<T> timed(CompletableFuture<T> reply, long startNanos) {
        return reply.whenComplete((r, e) -> recorder.recordValue(System.nanoTime() - startNanos));
    }

    /** Sends {@code n} requests, then waits for every reply. */
    static Object window(int n, Supplier<CompletableFuture<?>> request) {
        CompletableFuture<?>[] window = new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            window[i] = request.get();
        }
        return CompletableFuture.allOf(window).join();
    }
}
