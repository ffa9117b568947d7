package dev.strand.examples;

import java.util.List;

/** The tour's examples of the {@code core} module, in the order they run. */
final class CoreExamples {

    private CoreExamples() {
    }

    static List<Example> all() {
        return List.of();
    }
}
