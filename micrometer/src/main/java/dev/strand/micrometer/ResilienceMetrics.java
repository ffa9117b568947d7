package dev.strand.micrometer;

import dev.strand.resilience.Bulkhead;
import dev.strand.resilience.CircuitBreaker;
import dev.strand.resilience.PolicyEvent;
import dev.strand.resilience.Retry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * Meters for {@code strand-resilience} (circuit breakers, bulkheads, retries): each method returns a {@link MeterBinder} to bind to
 * a registry once.
 *
 * <pre>{@code
 * CircuitBreaker breaker = CircuitBreaker.builder().name("inventory").build();
 * ResilienceMetrics.circuitBreaker(breaker).bindTo(registry);
 * }</pre>
 *
 * <p>Meter names follow Micrometer's dotted lower-case convention and carry the policy's name
 * as the tag {@code name}. Gauges read the policy when the registry is scraped and hold it
 * weakly, as Micrometer's gauges do: a policy that is no longer referenced reads as
 * {@code NaN}. Binding adds nothing to the policy's call path.
 *
 * <p>Thread-safe: a binder may be bound to several registries, from any thread.
 */
public final class ResilienceMetrics {

    private ResilienceMetrics() {
    }

    /**
     * Meters of a circuit breaker, tagged {@code name=<breaker.name()>}:
     * <ul>
     *   <li>{@code strand.circuitbreaker.state} (gauge, one per {@code state} tag): 1 for the
     *       current state, 0 for the others;</li>
     *   <li>{@code strand.circuitbreaker.failure.rate} and
     *       {@code strand.circuitbreaker.slow.call.rate} (gauges, 0 to 1) over the calls the
     *       breaker currently judges by;</li>
     *   <li>{@code strand.circuitbreaker.buffered.calls} (gauge): those calls;</li>
     *   <li>{@code strand.circuitbreaker.not.permitted.calls} (function counter): calls refused
     *       since the breaker was built;</li>
     *   <li>{@code strand.circuitbreaker.calls} (counters, {@code kind} = {@code successful},
     *       {@code failed}, {@code slow}): calls recorded from the time of binding (its events).</li>
     * </ul>
     *
     * @param breaker the breaker; not null
     * @return a binder for those meters; bind it once (each binding adds a listener)
     * @throws NullPointerException if {@code breaker} is null
     */
    public static MeterBinder circuitBreaker(CircuitBreaker breaker) {
        Objects.requireNonNull(breaker, "breaker");
        return registry -> {
            Tags tags = Tags.of("name", breaker.name());
            for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
                Gauge.builder("strand.circuitbreaker.state", breaker, b -> b.state() == state ? 1 : 0)
                        .tags(tags).tag("state", state.name().toLowerCase(java.util.Locale.ROOT))
                        .description("1 if the breaker is in this state, 0 otherwise")
                        .register(registry);
            }
            Gauge.builder("strand.circuitbreaker.failure.rate", breaker, b -> b.metrics().failureRate())
                    .tags(tags).description("failed calls / calls the breaker judges by").register(registry);
            Gauge.builder("strand.circuitbreaker.slow.call.rate", breaker, b -> b.metrics().slowCallRate())
                    .tags(tags).description("slow calls / calls the breaker judges by").register(registry);
            Gauge.builder("strand.circuitbreaker.buffered.calls", breaker, b -> b.metrics().calls())
                    .tags(tags).description("calls the breaker judges by").register(registry);
            FunctionCounter.builder("strand.circuitbreaker.not.permitted.calls", breaker,
                            b -> b.metrics().notPermittedCalls())
                    .tags(tags).description("calls refused while open or half-open").register(registry);
            Counter successful = calls(registry, "strand.circuitbreaker.calls", tags, "successful");
            Counter failed = calls(registry, "strand.circuitbreaker.calls", tags, "failed");
            Counter slow = calls(registry, "strand.circuitbreaker.calls", tags, "slow");
            breaker.onEvent(e -> {
                switch (e.type()) {
                    case BREAKER_SUCCESS -> successful.increment();
                    case BREAKER_FAILURE -> failed.increment();
                    case BREAKER_SLOW -> slow.increment();
                    default -> { }
                }
            });
        };
    }

    /**
     * Meters of a bulkhead, tagged {@code name=<name>}:
     * {@code strand.bulkhead.concurrent.calls} (gauge, calls running now) and
     * {@code strand.bulkhead.max.concurrent.calls} (gauge, the limit) and
     * {@code strand.bulkhead.rejected.calls} (counter, from the time of binding).
     *
     * @param name the tag value naming this bulkhead; not null
     * @param bulkhead the bulkhead; not null
     * @return a binder for those meters; bind it once (each binding adds a listener)
     * @throws NullPointerException if an argument is null
     */
    public static MeterBinder bulkhead(String name, Bulkhead bulkhead) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bulkhead, "bulkhead");
        return registry -> {
            Tags tags = Tags.of("name", name);
            Gauge.builder("strand.bulkhead.concurrent.calls", bulkhead, Bulkhead::concurrentCalls)
                    .tags(tags).description("calls running now").register(registry);
            Gauge.builder("strand.bulkhead.max.concurrent.calls", bulkhead, Bulkhead::maxConcurrentCalls)
                    .tags(tags).description("the most calls allowed at once").register(registry);
            Counter rejected = Counter.builder("strand.bulkhead.rejected.calls").tags(tags)
                    .description("calls refused because the bulkhead was full").register(registry);
            bulkhead.onEvent(e -> {
                if (e.type() == PolicyEvent.Type.BULKHEAD_REJECTED) {
                    rejected.increment();
                }
            });
        };
    }

    /**
     * Meters of a retry, tagged {@code name=<name>}: {@code strand.retry.calls} (counters, one per
     * {@code kind}): {@code successful.after.retry}, {@code exhausted} (attempts ran out),
     * {@code aborted} (a failure the retry does not retry), and {@code strand.retry.attempts.failed}
     * (counter): failed attempts that were retried.
     *
     * @param name the tag value naming this retry; not null
     * @param retry the retry; not null
     * @return a binder for those meters; bind it once (each binding adds a listener)
     * @throws NullPointerException if an argument is null
     */
    public static MeterBinder retry(String name, Retry retry) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(retry, "retry");
        return registry -> {
            Tags tags = Tags.of("name", name);
            Counter succeeded = calls(registry, "strand.retry.calls", tags, "successful.after.retry");
            Counter exhausted = calls(registry, "strand.retry.calls", tags, "exhausted");
            Counter aborted = calls(registry, "strand.retry.calls", tags, "aborted");
            Counter retried = Counter.builder("strand.retry.attempts.failed").tags(tags)
                    .description("failed attempts that were retried").register(registry);
            retry.onEvent(e -> {
                switch (e.type()) {
                    case RETRY_ATTEMPT -> retried.increment();
                    case RETRY_SUCCESS -> succeeded.increment();
                    case RETRY_EXHAUSTED -> exhausted.increment();
                    case RETRY_ABORTED -> aborted.increment();
                    default -> { }
                }
            });
        };
    }

    private static Counter calls(MeterRegistry registry, String name, Tags tags, String kind) {
        return Counter.builder(name).tags(tags).tag("kind", kind).register(registry);
    }
}
