package dev.strand.examples;

import java.util.List;

/** The tour's examples of the {@code channels} module, in the order they run. */
final class ChannelsExamples {

    private ChannelsExamples() {
    }

    static List<Example> all() {
        return List.of();
    }
}
