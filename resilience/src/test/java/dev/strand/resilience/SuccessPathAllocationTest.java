package dev.strand.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strand.core.ManualTicker;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The success paths of the breaker, the retry and the bulkhead allocate nothing when no event
 * listener is registered (the JMH benchmarks confirm it
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

    @Test
    void withNoListenerTheEventChecksAllocateNothing() {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        // Policies that had listeners would allocate events; these have none (the check is one
        // volatile read), so the paths that would report stay at zero.
        Bulkhead bulkhead = Bulkhead.of(4);
        CircuitBreaker cb = CircuitBreaker.builder().ticker(new ManualTicker()).slidingWindow(100).build();
        cb.onStateChange(t -> { }); // a transition listener does not make calls allocate
        assertThat(bytesPerCall(() -> bulkhead.call(CALL))).isZero();
        assertThat(bytesPerCall(() -> cb.call(CALL))).isZero();
    }
}
