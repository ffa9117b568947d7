package dev.strand.examples.core;

import dev.strand.core.JoinHandle;
import dev.strand.core.Mutex;
import dev.strand.core.Threads;
import dev.strand.examples.Example;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Ten threads increment one counter owned by a {@link Mutex} (Rust's
 * {@code Arc<Mutex<i32>>}). Where the Rust original sleeps two seconds to "give threads time",
 * this example joins every thread, so the result is exact and the example never waits longer
 * than the work takes.
 */
public final class MutexCounter implements Example {

    private static final int THREADS = 10;
    private static final int INCREMENTS_PER_THREAD = 1_000;

    @Override
    public String name() {
        return "mutex-counter";
    }

    @Override
    public String description() {
        return "10 threads share a counter owned by a Mutex; joining them gives the exact total";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Mutex<Integer> counter = new Mutex<>(0);
        List<JoinHandle<Void>> handles = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            handles.add(Threads.spawn("counter-" + t, () -> {
                for (int i = 0; i < INCREMENTS_PER_THREAD; i++) {
                    counter.update(n -> n + 1); // the only way to the value: under the lock
                }
                return null;
            }));
        }
        for (JoinHandle<Void> h : handles) {
            h.join(); // no sleep: wait for exactly the threads we started
        }
        int total = counter.with(n -> n);
        out.println("  " + THREADS + " threads x " + INCREMENTS_PER_THREAD + " increments = " + total);
        if (total != THREADS * INCREMENTS_PER_THREAD) {
            throw new IllegalStateException("lost updates: " + total);
        }

        // The guard form: several steps under one lock.
        Mutex<List<String>> log = new Mutex<>(new ArrayList<>());
        try (Mutex.Guard<List<String>> g = log.lock()) {
            g.get().add("first");
            g.get().add("second");
        }
        out.println("  entries written under one guard: " + log.with(List::size));
    }
}
