package dev.strand.examples;

import java.util.List;

/** The tour's examples of the {@code parallel} module, in the order they run. */
final class ParallelExamples {

    private ParallelExamples() {
    }

    static List<Example> all() {
        return List.of();
    }
}
