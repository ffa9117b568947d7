package dev.strand.jmh.parallel;

import dev.strand.parallel.Parallel;
import dev.strand.parallel.ParallelSort;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code ParallelSort.sort(int[])} on 10 M random ints against {@code Arrays.sort} and
 * {@code Arrays.parallelSort}. Each invocation sorts a fresh copy of the same random array
 * (the copy is made in an untimed invocation-level setup). Strand runs on its own pool with
 * one worker per core; the peers on the common pool (see the package comment).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SortIntBenchmark {

    @Param("10000000")
    int size;

    private int[] original;
    private int[] work;
    private ForkJoinPool pool;
    private ParallelSort.Sorter strand;

    @Setup(Level.Trial)
    public void setUp() {
        original = new SplittableRandom(42).ints(size).toArray();
        work = new int[size];
        pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        strand = ParallelSort.on(Parallel.on(pool));
    }

    @Setup(Level.Invocation)
    public void refill() {
        System.arraycopy(original, 0, work, 0, size);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdown();
    }

    @Benchmark
    public int[] strandParallelSort() {
        strand.sort(work);
        return work;
    }

    @Benchmark
    public int[] jdkArraysSort() {
        Arrays.sort(work);
        return work;
    }

    @Benchmark
    public int[] jdkArraysParallelSort() {
        Arrays.parallelSort(work);
        return work;
    }
}
