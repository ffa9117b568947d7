package dev.strand.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.core.ManualTicker;
import dev.strand.resilience.Backoff;
import dev.strand.resilience.Bulkhead;
import dev.strand.resilience.CircuitBreaker;
import dev.strand.resilience.CircuitOpenException;
import dev.strand.resilience.Retry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ResilienceMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    @Test
    void breakerMetersFollowItsStateRatesAndRefusals() {
        ManualTicker ticker = new ManualTicker();
        CircuitBreaker breaker = CircuitBreaker.builder().name("inventory").slidingWindow(4).minimumCalls(4)
                .failureRateThreshold(0.5).openDuration(Duration.ofSeconds(30)).ticker(ticker).build();
        ResilienceMetrics.circuitBreaker(breaker).bindTo(registry);

        assertThat(gauge("strand.circuitbreaker.state", "name", "inventory", "state", "closed")).isEqualTo(1);
        assertThat(gauge("strand.circuitbreaker.state", "name", "inventory", "state", "open")).isZero();

        breaker.call(() -> "ok");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> breaker.call(() -> {
                throw new IOException("down");
            })).isInstanceOf(IOException.class);
        }
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(gauge("strand.circuitbreaker.state", "name", "inventory", "state", "open")).isEqualTo(1);
        assertThat(gauge("strand.circuitbreaker.state", "name", "inventory", "state", "closed")).isZero();
        assertThat(gauge("strand.circuitbreaker.failure.rate", "name", "inventory")).isEqualTo(0.75);
        assertThat(gauge("strand.circuitbreaker.buffered.calls", "name", "inventory")).isEqualTo(4);

        assertThat(registry.get("strand.circuitbreaker.calls").tags("name", "inventory", "kind", "successful")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("strand.circuitbreaker.calls").tags("name", "inventory", "kind", "failed")
                .counter().count()).isEqualTo(3);
        assertThatThrownBy(() -> breaker.call(() -> "refused")).isInstanceOf(CircuitOpenException.class);
        assertThat(registry.get("strand.circuitbreaker.not.permitted.calls").tags("name", "inventory")
                .functionCounter().count()).isEqualTo(1);
    }

    @Test
    void retryMetersCountRetriedAttemptsAndHowCallsEnded() throws Exception {
        ManualTicker ticker = new ManualTicker();
        Retry retry = Retry.builder().maxAttempts(3).backoff(Backoff.fixed(Duration.ofMillis(1))).ticker(ticker)
                .sleeper(ticker::advance).retryOn(IOException.class).build();
        ResilienceMetrics.retry("fetch", retry).bindTo(registry);
        int[] calls = {0};
        assertThat(retry.call(() -> {
            if (calls[0]++ == 0) {
                throw new IOException("flaky");
            }
            return "ok";
        })).isEqualTo("ok");
        assertThatThrownBy(() -> retry.call(() -> {
            throw new IOException("down");
        })).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> retry.call(() -> {
            throw new IllegalStateException("not retried");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(registry.get("strand.retry.attempts.failed").tags("name", "fetch").counter().count()).isEqualTo(3);
        assertThat(registry.get("strand.retry.calls").tags("name", "fetch", "kind", "successful.after.retry")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("strand.retry.calls").tags("name", "fetch", "kind", "exhausted").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("strand.retry.calls").tags("name", "fetch", "kind", "aborted").counter().count())
                .isEqualTo(1);
    }

    @Test
    @Timeout(10)
    void bulkheadMetersShowTheCallsRunningNowAndTheLimit() throws Exception {
        Bulkhead bulkhead = Bulkhead.of(3);
        ResilienceMetrics.bulkhead("db", bulkhead).bindTo(registry);
        assertThat(gauge("strand.bulkhead.max.concurrent.calls", "name", "db")).isEqualTo(3);
        assertThat(gauge("strand.bulkhead.concurrent.calls", "name", "db")).isZero();

        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> {
            try {
                return bulkhead.call(() -> {
                    inside.countDown();
                    release.await();
                    return "done";
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        inside.await();
        assertThat(gauge("strand.bulkhead.concurrent.calls", "name", "db")).isEqualTo(1);
        release.countDown();
        assertThat(running.join()).isEqualTo("done");
        assertThat(gauge("strand.bulkhead.concurrent.calls", "name", "db")).isZero();
    }
}
