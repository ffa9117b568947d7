package dev.strand.examples.parallel;

import dev.strand.examples.Example;
import dev.strand.parallel.Pair;
import dev.strand.parallel.Parallel;
import java.io.PrintStream;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * Fork-join (rayon's {@code join}): split a task in two, run the halves possibly in parallel,
 * join their results. The caller works on one half while the other is offered for stealing;
 * below a cutoff the work is done sequentially.
 */
public final class ForkJoin implements Example {

    private static final int CUTOFF = 10_000;

    @Override
    public String name() {
        return "fork-join";
    }

    @Override
    public String description() {
        return "fork-join: recursive join of two halves, and a failure that waits for the other half";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            Parallel par = Parallel.on(pool);
            long[] data = new long[1_000_000];
            for (int i = 0; i < data.length; i++) {
                data[i] = i + 1;
            }
            long total = pool.submit(() -> sum(par, data, 0, data.length)).join();
            out.println("  sum of 1..1,000,000 by recursive join: " + total
                    + " (expected " + 1_000_000L * 1_000_001 / 2 + ")");

            Pair<String, Integer> both = par.join(() -> "hello".toUpperCase(), () -> 6 * 7);
            out.println("  join of two different tasks: " + both.first() + ", " + both.second());

            boolean[] otherRan = {false};
            try {
                par.join(() -> {
                    throw new IllegalStateException("left half failed");
                }, () -> {
                    otherRan[0] = true;
                    return 1;
                });
            } catch (IllegalStateException e) {
                out.println("  '" + e.getMessage() + "' propagated after the right half finished: " + otherRan[0]);
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static long sum(Parallel par, long[] a, int lo, int hi) {
        if (hi - lo <= CUTOFF) {
            long s = 0;
            for (int i = lo; i < hi; i++) {
                s += a[i];
            }
            return s;
        }
        int mid = (lo + hi) >>> 1;
        Pair<Long, Long> halves = par.join(() -> sum(par, a, lo, mid), () -> sum(par, a, mid, hi));
        return halves.first() + halves.second();
    }
}
