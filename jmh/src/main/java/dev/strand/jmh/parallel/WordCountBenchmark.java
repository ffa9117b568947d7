package dev.strand.jmh.parallel;

import dev.strand.parallel.Parallel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
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
 * Word count over 1 M lines of 8 words (a 10 000-word vocabulary, Zipf-like frequencies):
 * Strand's {@code mapReduceByKey} (a {@code HashMap} per task, merged pairwise) against a
 * parallel stream collecting with {@code groupingByConcurrent(w -> w, counting())} (one shared
 * {@code ConcurrentHashMap}). Both split lines with the same {@code String.split(" ")}.
 * {@code strandMapReduceByKey} is the design's form ({@code Long::sum}: a boxed {@code Long}
 * per increment once a count passes 127); {@code strandMapReduceByKeyCounting} takes the same
 * {@code Collectors.counting()} as the peer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WordCountBenchmark {

    @Param("1000000")
    int lines;

    private List<String> text;
    private ForkJoinPool pool;
    private Parallel par;

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(3);
        String[] vocabulary = new String[10_000];
        for (int i = 0; i < vocabulary.length; i++) {
            vocabulary[i] = "w" + Integer.toString(i * 7919, 36);
        }
        text = new ArrayList<>(lines);
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < lines; l++) {
            sb.setLength(0);
            for (int w = 0; w < 8; w++) {
                // Zipf-like: small indices far more frequent
                int idx = (int) (vocabulary.length * Math.pow(r.nextDouble(), 3));
                if (w > 0) {
                    sb.append(' ');
                }
                sb.append(vocabulary[idx]);
            }
            text.add(sb.toString());
        }
        pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        par = Parallel.on(pool);
    }

    @TearDown
    public void tearDown() {
        pool.shutdown();
    }

    @Benchmark
    public Map<String, Long> strandMapReduceByKey() {
        return par.mapReduceByKey(text, (String line, java.util.function.BiConsumer<String, Long> emit) -> {
            for (String w : line.split(" ")) {
                emit.accept(w, 1L);
            }
        }, Long::sum);
    }

    /** The same with {@code Collectors.counting()}, as the peer: counts in place, no boxing. */
    @Benchmark
    public Map<String, Long> strandMapReduceByKeyCounting() {
        return par.mapReduceByKey(text, (String line, java.util.function.BiConsumer<String, Integer> emit) -> {
            for (String w : line.split(" ")) {
                emit.accept(w, 1);
            }
        }, Collectors.counting());
    }

    @Benchmark
    public Map<String, Long> jdkGroupingByConcurrent() {
        return text.parallelStream()
                .flatMap(line -> Arrays.stream(line.split(" ")))
                .collect(Collectors.groupingByConcurrent(Function.identity(), Collectors.counting()));
    }
}
