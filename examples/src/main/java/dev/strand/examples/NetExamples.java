package dev.strand.examples;

import java.util.List;

/** The tour's examples of the {@code net} module, in the order they run. */
final class NetExamples {

    private NetExamples() {
    }

    static List<Example> all() {
        return List.of();
    }
}
