package dev.strand.examples.core;

import dev.strand.core.Scope;
import dev.strand.core.Subtask;
import dev.strand.examples.Example;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Scoped threads (Rust's {@code thread::scope}): subtasks borrow the caller's data and never
 * outlive the block. The first failure cancels the siblings and is thrown by {@code join()}.
 */
public final class ScopedThreads implements Example {

    private static final List<String> LINES = List.of(
            "the quick brown fox",
            "jumps over",
            "the lazy dog",
            "and runs away");

    @Override
    public String name() {
        return "scoped-threads";
    }

    @Override
    public String description() {
        return "count words with one subtask per line in a Scope; a failure cancels the siblings";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        List<Subtask<Integer>> counts = new ArrayList<>();
        try (Scope scope = Scope.open()) {
            for (String line : LINES) {
                counts.add(scope.spawn(() -> line.split(" ").length));
            }
            scope.join(); // waits for every subtask
        }
        int total = 0;
        for (Subtask<Integer> c : counts) {
            total += c.get();
        }
        out.println("  words in " + LINES.size() + " lines, one subtask per line: " + total);

        CountDownLatch waiting = new CountDownLatch(1);
        try (Scope scope = Scope.open()) {
            Subtask<Void> slow = scope.spawn(() -> {
                waiting.countDown();
                new CountDownLatch(1).await(); // blocks until the scope interrupts it
                return null;
            });
            scope.spawn(() -> {
                waiting.await();
                throw new IllegalArgumentException("bad input in line 3");
            });
            try {
                scope.join();
            } catch (IllegalArgumentException first) {
                out.println("  join() threw the first failure: " + first.getMessage());
                for (Throwable later : first.getSuppressed()) {
                    out.println("  suppressed, from the interrupted sibling: " + later);
                }
                out.println("  the blocked sibling ended as " + slow.state());
            }
        }
    }
}
