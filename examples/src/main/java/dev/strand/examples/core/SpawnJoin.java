package dev.strand.examples.core;

import dev.strand.core.JoinHandle;
import dev.strand.core.Threads;
import dev.strand.examples.Example;
import java.io.PrintStream;

/**
 * Spawns a thread, lets it run beside the main thread, and joins it for its result (Rust's
 * {@code thread::spawn} and {@code handle.join().unwrap()}).
 */
public final class SpawnJoin implements Example {

    @Override
    public String name() {
        return "spawn-join";
    }

    @Override
    public String description() {
        return "start a thread with Threads.spawn and wait for its result with join()";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        JoinHandle<String> handle = Threads.spawn("greeter", () -> {
            out.println("  hello from the spawned thread '" + Thread.currentThread().getName() + "'");
            return "greeting sent";
        });
        out.println("  hello from the main thread");
        // join() waits for the thread to finish: nothing printed after it can race with it.
        String result = handle.join();
        out.println("  joined: the task returned \"" + result + "\"");

        JoinHandle<Long> sum = Threads.spawn(() -> {
            long s = 0;
            for (int i = 1; i <= 1_000; i++) {
                s += i;
            }
            return s;
        });
        out.println("  sum of 1..1000 computed on " + sum.thread().getName() + ": " + sum.join());
    }
}
