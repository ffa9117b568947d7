package dev.strand.examples.parallel;

import dev.strand.examples.Example;
import dev.strand.parallel.Parallel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * MapReduce as in big data: counting words. Each task counts its lines into its own map
 * (the combiner runs map-side), and the maps are merged pairwise up the fork-join tree: no
 * shared map, no lock.
 */
public final class WordCount implements Example {

    @Override
    public String name() {
        return "word-count";
    }

    @Override
    public String description() {
        return "keyed map-reduce: word count with per-task maps merged pairwise";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        String[] verses = {
            "the quick brown fox", "jumps over the lazy dog", "the dog sleeps",
            "the fox runs", "a quick dog and a lazy fox"};
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            lines.add(verses[i % verses.length]);
        }
        ForkJoinPool pool = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            Map<String, Long> counts = Parallel.on(pool).mapReduceByKey(lines,
                    (String line, BiConsumer<String, Long> emit) -> {
                        for (String word : line.split(" ")) {
                            emit.accept(word, 1L);
                        }
                    }, Long::sum);
            out.println("  " + lines.size() + " lines, " + counts.size() + " distinct words");
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(5)
                    .forEach(e -> out.println("  " + e.getKey() + ": " + e.getValue()));
            if (counts.get("the") != 4 * 4_000L) {
                throw new IllegalStateException("wrong count for 'the': " + counts.get("the"));
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
