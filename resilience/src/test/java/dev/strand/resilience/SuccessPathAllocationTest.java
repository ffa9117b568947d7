package dev.strand.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strand.core.ManualTicker;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The success paths of the breaker and the retry allocate nothing (the JMH benchmarks confirm it
 * with {@code -prof gc}; this guards against a regression in the ordinary build). Measured with
 * the HotSpot per-thread allocation counter.
 */
class SuccessPathAllocationTest {

    private static final int CALLS = 200_000;
    private static final CheckedSupplier<String, RuntimeException> CALL = () -> "ok";

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long bytesPerCall(Runnable oneCall) {
        for (int i = 0; i < CALLS; i++) {
            oneCall.run(); // warm up: fill the window, let the JIT compile
        }
        long before = allocatedBytes();
        for (int i = 0; i < CALLS; i++) {
            oneCall.run();
        }
        return (allocatedBytes() - before) / CALLS;
    }

    @Test
    void breakerAndRetrySuccessPathsAllocateNothing() {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        CircuitBreaker cb = CircuitBreaker.builder().ticker(new ManualTicker()).slidingWindow(100).build();
        CircuitBreaker slowAware = CircuitBreaker.builder().ticker(new ManualTicker())
                .slidingWindow(Duration.ofSeconds(10)).slowCall(Duration.ofSeconds(1), 0.5).build();
        Retry retry = Retry.builder().maxAttempts(3).build();
        assertThat(bytesPerCall(() -> cb.call(CALL))).isZero();
        assertThat(bytesPerCall(() -> slowAware.call(CALL))).isZero();
        assertThat(bytesPerCall(() -> retry.call(CALL))).isZero();
    }
}
