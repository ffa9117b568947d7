package dev.strand.examples.parallel;

import dev.strand.core.Ticker;
import dev.strand.examples.Example;
import dev.strand.parallel.Parallel;
import java.io.PrintStream;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * The Rust original's map-reduce: the sum of the squares of {@code 1..n}, as rayon's
 * {@code data.par_iter().map(|&x| x * x).sum()}, with its homework: the same sum computed
 * sequentially, timed for several sizes. The primitive {@code mapReduce} never boxes.
 */
public final class SumOfSquares implements Example {

    @Override
    public String name() {
        return "sum-of-squares";
    }

    @Override
    public String description() {
        return "map-reduce: the sum of squares in parallel, and the homework table sequential vs parallel";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            Parallel par = Parallel.on(pool);
            int[] data = {1, 2, 3, 4, 5};
            long small = par.mapReduce(0, data.length, i -> (long) data[i] * data[i], 0L, Long::sum);
            out.println("  sum of squares of [1, 2, 3, 4, 5] = " + small);

            Ticker ticker = Ticker.system();
            out.println("  homework: sequential loop vs parallel mapReduce, after one warm-up round"
                    + " (timings vary run to run)");
            out.printf("  %12s %14s %14s %8s%n", "n", "sequential us", "parallel us", "same?");
            for (int round = 0; round < 2; round++) {   // round 0 lets the JIT compile both
                for (int n : new int[] {1_000, 100_000, 1_000_000, 10_000_000}) {
                    long t0 = ticker.nanoTime();
                    long seq = sequential(n);
                    long t1 = ticker.nanoTime();
                    long parSum = par.mapReduce(1, n + 1, i -> (long) i * i, 0L, Long::sum);
                    long t2 = ticker.nanoTime();
                    if (seq != parSum) {
                        throw new IllegalStateException("parallel sum differs at n=" + n);
                    }
                    if (round == 1) {
                        out.printf("  %12d %14d %14d %8s%n", n, (t1 - t0) / 1000, (t2 - t1) / 1000, true);
                    }
                }
            }
            out.println("  (small n: the parallel version pays for splitting; large n: it uses every core)");
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static long sequential(int n) {
        long sum = 0;
        for (int i = 1; i <= n; i++) {
            sum += (long) i * i;
        }
        return sum;
    }
}
