package dev.strand.jmh.parallel;

import dev.strand.parallel.Parallel;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Sum of squares over {@code [0, 100 M)} (the Rust original's map-reduce): Strand's primitive
 * {@code mapReduce} (no boxing: see {@code gc.alloc.rate.norm}) against a sequential loop in
 * its own JIT-compiled method and {@code LongStream.range(..).parallel().map(..).sum()}. The
 * stream runs on the common pool with the caller taking part (2 threads on 2 cores); Strand on
 * its own pool of one worker per core, the caller waiting (also 2 threads on 2 cores).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SumOfSquaresBenchmark {

    @Param("100000000")
    int size;

    private ForkJoinPool pool;
    private Parallel par;

    @Setup
    public void setUp() {
        pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        par = Parallel.on(pool);
    }

    @TearDown
    public void tearDown() {
        pool.shutdown();
    }

    @Benchmark
    public long strandMapReduce() {
        return par.mapReduce(0, size, i -> (long) i * i, 0L, Long::sum);
    }

    @Benchmark
    public long sequentialLoop() {
        return sequential(size);
    }

    private static long sequential(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (long) i * i;
        }
        return sum;
    }

    @Benchmark
    public long jdkParallelLongStream() {
        return LongStream.range(0, size).parallel().map(i -> i * i).sum();
    }
}
