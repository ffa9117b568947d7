package dev.strand.examples;

import java.util.List;

/** The tour's examples of the {@code resilience} module, in the order they run. */
final class ResilienceExamples {

    private ResilienceExamples() {
    }

    static List<Example> all() {
        return List.of();
    }
}
