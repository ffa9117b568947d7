package dev.strand.examples;

import dev.strand.examples.parallel.ForkJoin;
import dev.strand.examples.parallel.MergeSort;
import dev.strand.examples.parallel.PipelineStages;
import dev.strand.examples.parallel.SumOfSquares;
import dev.strand.examples.parallel.WordCount;
import dev.strand.examples.parallel.WorkerPool;
import java.util.List;

/** The tour's examples of the {@code parallel} module, in the order they run. */
final class ParallelExamples {

    /** Created once: the tour finds examples by identity ({@code Tour.find}). */
    private static final List<Example> ALL = List.of(
            new SumOfSquares(),
            new MergeSort(),
            new WordCount(),
            new ForkJoin(),
            new PipelineStages(),
            new WorkerPool());

    private ParallelExamples() {
    }

    static List<Example> all() {
        return ALL;
    }
}
