package dev.strand.examples.core;

import dev.strand.core.JoinHandle;
import dev.strand.core.PanicException;
import dev.strand.core.Threads;
import dev.strand.examples.Example;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A thread that fails ("panics") and how the failure reaches the spawning thread. In the Rust original
 * book a panic in a spawned thread does not propagate by itself; here it never vanishes:
 * {@code join()} throws {@link PanicException} whose cause is exactly what the task threw, and
 * a builder's uncaught-exception handler is told as well.
 */
public final class Panic implements Example {

    @Override
    public String name() {
        return "panic";
    }

    @Override
    public String description() {
        return "a thread that throws is reported through PanicException (and its handler)";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        JoinHandle<Integer> h = Threads.spawn("parser", () -> Integer.parseInt("forty-two"));
        try {
            h.join();
            throw new IllegalStateException("the failure vanished");
        } catch (PanicException e) {
            out.println("  join() threw PanicException; cause: " + e.getCause());
        }

        AtomicReference<String> handlerSaw = new AtomicReference<>();
        JoinHandle<Void> worker = Threads.builder()
                .name("worker-", 1)
                .uncaughtExceptionHandler((thread, failure) ->
                        handlerSaw.set(thread.getName() + " failed with " + failure.getMessage()))
                .spawn(() -> {
                    throw new IllegalStateException("this thread is panicking!");
                });
        try {
            worker.join();
        } catch (PanicException e) {
            // The handler ran on the failing thread before join() returned.
            out.println("  handler was told: " + handlerSaw.get());
            out.println("  join() still reports: " + e.getCause().getMessage());
        }
    }
}
