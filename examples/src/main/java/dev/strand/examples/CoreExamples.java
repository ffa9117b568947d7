package dev.strand.examples;

import dev.strand.examples.core.Atomics;
import dev.strand.examples.core.MutexCounter;
import dev.strand.examples.core.Panic;
import dev.strand.examples.core.RwLockVector;
import dev.strand.examples.core.ScopedThreads;
import dev.strand.examples.core.SpawnJoin;
import java.util.List;

/** The tour's examples of the {@code core} module, in the order they run. */
final class CoreExamples {

    /** Created once: the tour finds examples by identity ({@code Tour.find}). */
    private static final List<Example> ALL = List.of(
            new SpawnJoin(),
            new MutexCounter(),
            new RwLockVector(),
            new Atomics(),
            new Panic(),
            new ScopedThreads());

    private CoreExamples() {
    }

    static List<Example> all() {
        return ALL;
    }
}
