package dev.strand.jmh.resilience;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.strand.resilience.CheckedSupplier;
import dev.strand.resilience.Retry;
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
 * A retry around a trivial successful call (so no retry happens): Strand vs Resilience4j 2.x
 * vs Failsafe 3.x with their defaults (3 attempts). {@code baseline} is the bare call; the
 * overhead is a retry's time minus the baseline's.
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar 'resilience.RetryBenchmark' -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RetryBenchmark {

    private static final String VALUE = "ok";

    private final CheckedSupplier<String, RuntimeException> call = () -> VALUE;

    private Retry strand;
    private Supplier<String> resilience4j;
    private FailsafeExecutor<String> failsafe;
    private final dev.failsafe.function.CheckedSupplier<String> failsafeCall = () -> VALUE;

    @Setup
    public void setUp() {
        strand = Retry.builder().maxAttempts(3).build();
        io.github.resilience4j.retry.Retry r4 = io.github.resilience4j.retry.Retry.ofDefaults("bench");
        resilience4j = io.github.resilience4j.retry.Retry.decorateSupplier(r4, () -> VALUE);
        failsafe = Failsafe.with(RetryPolicy.<String>ofDefaults());
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
