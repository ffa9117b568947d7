package dev.strand.jmh.resilience;

import dev.strand.resilience.Bulkhead;
import dev.strand.resilience.CheckedSupplier;
import dev.strand.resilience.CircuitBreaker;
import dev.strand.resilience.PolicyEvent;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of the event listeners on the success path: a circuit breaker and a bulkhead around a
 * trivial successful call, without any listener ({@code *NoListener}: must stay at 0 B/op, the
 * check is one volatile read) and with one listener that counts events ({@code *Listened}: one
 * {@code PolicyEvent} per event, unless escape analysis removes it).
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar 'resilience.EventsBenchmark' -t 1 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EventsBenchmark {

    private static final String VALUE = "ok";

    private final CheckedSupplier<String, RuntimeException> call = () -> VALUE;
    private final LongAdder seen = new LongAdder();

    private CircuitBreaker quietBreaker;
    private CircuitBreaker listenedBreaker;
    private Bulkhead quietBulkhead;
    private Bulkhead listenedBulkhead;

    @Setup
    public void setUp() {
        quietBreaker = CircuitBreaker.builder().slidingWindow(100).build();
        listenedBreaker = CircuitBreaker.builder().slidingWindow(100).build().onEvent(this::count);
        quietBulkhead = Bulkhead.of(64);
        listenedBulkhead = Bulkhead.of(64).onEvent(this::count);
    }

    private void count(PolicyEvent e) {
        seen.increment();
    }

    @Benchmark
    public String breakerNoListener() {
        return quietBreaker.call(call);
    }

    @Benchmark
    public String breakerListened() {
        return listenedBreaker.call(call);
    }

    @Benchmark
    public String bulkheadNoListener() {
        return quietBulkhead.call(call);
    }

    @Benchmark
    public String bulkheadListened() {
        return listenedBulkhead.call(call);
    }
}
