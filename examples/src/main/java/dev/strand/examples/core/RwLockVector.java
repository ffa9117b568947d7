package dev.strand.examples.core;

import dev.strand.core.RwLock;
import dev.strand.core.Scope;
import dev.strand.core.Subtask;
import dev.strand.examples.Example;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writers push into a vector owned by an {@link RwLock} while readers look at it (Rust's
 * {@code Arc<RwLock<Vec<i32>>>}): readers share the lock, a writer has it alone.
 */
public final class RwLockVector implements Example {

    private static final int WRITERS = 5;
    private static final int READERS = 3;

    @Override
    public String name() {
        return "rwlock-vector";
    }

    @Override
    public String description() {
        return "writers push to a vector behind an RwLock while readers read it concurrently";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        RwLock<List<Integer>> vector = new RwLock<>(new ArrayList<>());
        List<Subtask<Integer>> readers = new ArrayList<>();
        try (Scope scope = Scope.open()) {
            for (int i = 0; i < WRITERS; i++) {
                int value = i;
                scope.spawn(() -> vector.write(v -> v.add(value)));
            }
            for (int r = 0; r < READERS; r++) {
                // A reader sees some prefix of the writes, never a half-done push.
                readers.add(scope.spawn(() -> vector.read(List::size)));
            }
            scope.join();
        }
        for (int r = 0; r < READERS; r++) {
            out.println("  reader " + r + " saw " + readers.get(r).get() + " element(s)");
        }
        List<Integer> sorted = vector.read(v -> {
            List<Integer> copy = new ArrayList<>(v); // copy: the list itself stays inside the lock
            copy.sort(null);
            return copy;
        });
        out.println("  after all writers: " + sorted);
        // A cheap read of a single field needs no lock: validated afterwards, retried if a
        // writer got in the way (the function must only read, and may run twice).
        out.println("  size read optimistically, without locking: " + vector.readOptimistic(List::size));
        if (!sorted.equals(List.of(0, 1, 2, 3, 4))) {
            throw new IllegalStateException("unexpected vector " + sorted);
        }
    }
}
