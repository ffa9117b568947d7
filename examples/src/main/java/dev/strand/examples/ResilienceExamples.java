package dev.strand.examples;

import dev.strand.examples.resilience.CircuitBreakerExample;
import dev.strand.examples.resilience.FallbackExample;
import dev.strand.examples.resilience.RetryBackoffExample;
import dev.strand.examples.resilience.TimeoutBulkheadExample;
import java.util.List;

/** The tour's examples of the {@code resilience} module, in the order they run. */
final class ResilienceExamples {

    private static final List<Example> ALL = List.of(new RetryBackoffExample(), new FallbackExample(),
            new CircuitBreakerExample(), new TimeoutBulkheadExample());

    private ResilienceExamples() {
    }

    static List<Example> all() {
        return ALL;
    }
}
