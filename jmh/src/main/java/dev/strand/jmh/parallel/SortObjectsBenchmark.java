package dev.strand.jmh.parallel;

import dev.strand.parallel.Parallel;
import dev.strand.parallel.ParallelSort;
import java.util.Arrays;
import java.util.Comparator;
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
 * Stable sort of 2 M records by a comparator: {@code ParallelSort.sort(T[], Comparator)},
 * {@code ParallelSort.sortByKey(T[], ToIntFunction)} and
 * {@code ParallelSort.sortByLongKey(T[], ToLongFunction)} against
 * {@code Arrays.parallelSort(T[], Comparator)} (and {@code Arrays.sort} for reference). Int keys
 * repeat (about 8 records per key) so stability matters; {@code -p keys=full} draws them from the
 * whole {@code int} range instead, as the rayon anchor's records have them. The long key
 * ({@code Rec.stamp()}) is spread over the whole {@code long} range, the worst case of
 * {@code sortByLongKey} (two radix rounds).
 * Each invocation sorts a fresh copy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SortObjectsBenchmark {

    /** A record with a sort key and a payload. */
    public record Rec(int key, long payload) {

        /** A long key spread over the whole long range: the payload times an odd constant. */
        long stamp() {
            return payload * 0x9E37_79B9_7F4A_7C15L;
        }
    }

    private static final Comparator<Rec> BY_KEY = Comparator.comparingInt(Rec::key);

    @Param("2000000")
    int size;

    /** The int keys: {@code narrow}, {@code size / 8} values; {@code full}, any {@code int}. */
    @Param("narrow")
    String keys;

    private Rec[] original;
    private Rec[] work;
    private ForkJoinPool pool;
    private ParallelSort.Sorter strand;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(7);
        original = new Rec[size];
        for (int i = 0; i < size; i++) {
            original[i] = new Rec("full".equals(keys) ? r.nextInt() : r.nextInt(size / 8), i);
        }
        work = new Rec[size];
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
    public Rec[] strandParallelSort() {
        strand.sort(work, BY_KEY);
        return work;
    }

    @Benchmark
    public Rec[] strandSortByKey() {
        strand.sortByKey(work, Rec::key);
        return work;
    }

    @Benchmark
    public Rec[] strandSortByLongKey() {
        strand.sortByLongKey(work, Rec::stamp);
        return work;
    }

    @Benchmark
    public Rec[] jdkArraysParallelSort() {
        Arrays.parallelSort(work, BY_KEY);
        return work;
    }

    @Benchmark
    public Rec[] jdkArraysSort() {
        Arrays.sort(work, BY_KEY);
        return work;
    }
}
