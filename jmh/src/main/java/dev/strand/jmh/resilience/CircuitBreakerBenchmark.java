package dev.strand.jmh.resilience;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.strand.resilience.CheckedSupplier;
import dev.strand.resilience.CircuitBreaker;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A circuit breaker around a trivial successful call: Strand vs Resilience4j 2.x vs Failsafe
 * 3.x, each with its default count-based window, one breaker shared by all benchmark threads
 * (run with {@code -t 1} and {@code -t 2}). {@code baseline} is the bare call; the overhead of a
 * breaker is its time minus the baseline's. Each peer is used in its cheapest documented form:
 * a supplier decorated once (Resilience4j) and an executor built once (Failsafe).
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar 'resilience.CircuitBreakerBenchmark' -t 1 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CircuitBreakerBenchmark {

    private static final String VALUE = "ok";

    private final CheckedSupplier<String, RuntimeException> call = () -> VALUE;

    private CircuitBreaker strand;
    private Supplier<String> resilience4j;
    private FailsafeExecutor<String> failsafe;
    private final dev.failsafe.function.CheckedSupplier<String> failsafeCall = () -> VALUE;

    @Setup
    public void setUp() {
        strand = CircuitBreaker.builder().slidingWindow(100).build();
        io.github.resilience4j.circuitbreaker.CircuitBreaker r4 =
                io.github.resilience4j.circuitbreaker.CircuitBreaker.ofDefaults("bench");
        resilience4j = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(r4, () -> VALUE);
        failsafe = Failsafe.with(dev.failsafe.CircuitBreaker.<String>ofDefaults());
    }

    @Benchmark
    public String baseline() {
        return call.get();
    }

    @Benchmark
    public String strand() {
        return strand.call(call);
    }

    @Benchmark
    public String resilience4j() {
        return resilience4j.get();
    }

    @Benchmark
    public String failsafe() {
        return failsafe.get(failsafeCall);
    }
}
