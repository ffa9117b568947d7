package dev.strand.micrometer;

import dev.strand.resilience.Bulkhead;
import dev.strand.resilience.CircuitBreaker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * Meters for {@code strand-resilience}: each method returns a {@link MeterBinder} to bind to
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
     *       since the breaker was built.</li>
     * </ul>
     *
     * @param breaker the breaker; not null
     * @return a binder for those meters
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
        };
    }

    /**
     * Meters of a bulkhead, tagged {@code name=<name>}:
     * {@code strand.bulkhead.concurrent.calls} (gauge, calls running now) and
     * {@code strand.bulkhead.max.concurrent.calls} (gauge, the limit).
     *
     * @param name the tag value naming this bulkhead; not null
     * @param bulkhead the bulkhead; not null
     * @return a binder for those meters
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
        };
    }
}
