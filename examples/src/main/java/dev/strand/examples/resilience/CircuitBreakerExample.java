package dev.strand.examples.resilience;

import dev.strand.core.ManualTicker;
import dev.strand.examples.Example;
import dev.strand.resilience.CircuitBreaker;
import dev.strand.resilience.CircuitOpenException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Rust original's {@code CircuitBreaker::new(5, Duration::from_secs(30), 0.5)}: a breaker that
 * opens after failures, fails fast without calling the service, half-opens after 30 s and
 * closes again when a trial call works. The 30 s pass on a {@link ManualTicker}, so the example
 * runs instantly.
 */
public final class CircuitBreakerExample implements Example {

    @Override
    public String name() {
        return "circuit-breaker";
    }

    @Override
    public String description() {
        return "a circuit breaker opens, fails fast, half-opens after 30 s and closes";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        ManualTicker clock = new ManualTicker();
        // CircuitBreaker.of(5, Duration.ofSeconds(30), 0.5) with a fake clock:
        CircuitBreaker breaker = CircuitBreaker.builder()
                .slidingWindow(5).minimumCalls(5).failureRateThreshold(0.5)
                .openDuration(Duration.ofSeconds(30)).halfOpenPermits(1)
                .ticker(clock)
                .build();
        breaker.onStateChange(t -> out.println("  state: " + t.from() + " -> " + t.to()));

        Service service = new Service();
        service.up = false;
        out.println("the service is down:");
        for (int i = 0; i < 7; i++) {
            attempt(breaker, service, out);
        }
        out.println("  the service was called " + service.calls.get() + " times for 7 requests");

        out.println("30 s later, the service is back:");
        clock.advance(Duration.ofSeconds(30));
        service.up = true;
        attempt(breaker, service, out);
        attempt(breaker, service, out);
        out.println("  metrics: " + breaker.metrics());
    }

    private static void attempt(CircuitBreaker breaker, Service service, PrintStream out) {
        try {
            out.println("  ok: " + breaker.call(service::call));
        } catch (CircuitOpenException e) {
            out.println("  fail fast: " + e.getMessage());
        } catch (IOException e) {
            out.println("  failed: " + e.getMessage());
        }
    }

    private static final class Service {
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean up;

        String call() throws IOException {
            calls.incrementAndGet();
            if (!up) {
                throw new IOException("service unavailable");
            }
            return "data";
        }
    }
}
