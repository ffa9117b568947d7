package dev.strand.examples.core;

import dev.strand.core.Mutex;
import dev.strand.core.Scope;
import dev.strand.examples.Example;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Atomic types (Rust's {@code std::sync::atomic}): single-step read-modify-write operations
 * without a lock, next to the same counter behind a {@link Mutex}. Both give the exact total;
 * the atomic needs no lock because the whole update is one hardware instruction.
 */
public final class Atomics implements Example {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 100_000;

    @Override
    public String name() {
        return "atomics";
    }

    @Override
    public String description() {
        return "AtomicInteger/AtomicLong counters across threads, next to a Mutex counter";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        // The Rust original's example: fetch_add then load (Java's atomics are sequentially consistent).
        AtomicInteger single = new AtomicInteger();
        single.getAndIncrement();
        out.println("  counter after one fetch-and-add: " + single.get());

        AtomicLong atomic = new AtomicLong();
        Mutex<Long> locked = new Mutex<>(0L);
        AtomicLong max = new AtomicLong(Long.MIN_VALUE);
        try (Scope scope = Scope.open()) {
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                scope.spawn(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        atomic.incrementAndGet();
                        locked.update(n -> n + 1);
                    }
                    // compare-and-set loop (accumulateAndGet): keep the largest id seen.
                    max.accumulateAndGet(id, Math::max);
                    return null;
                });
            }
            scope.join(); // everything the threads did is visible after join
        }
        long expected = (long) THREADS * PER_THREAD;
        long viaMutex = locked.with(n -> n);
        out.println("  AtomicLong total: " + atomic.get() + " (expected " + expected + ")");
        out.println("  Mutex<Long> total: " + viaMutex + " (expected " + expected + ")");
        out.println("  largest thread id, kept by a CAS loop: " + max.get());
        if (atomic.get() != expected || viaMutex != expected || max.get() != THREADS - 1) {
            throw new IllegalStateException("lost updates");
        }
    }
}
