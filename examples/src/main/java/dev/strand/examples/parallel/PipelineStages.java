package dev.strand.examples.parallel;

import dev.strand.examples.Example;
import dev.strand.parallel.Pipeline;
import dev.strand.parallel.PipelineException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline pattern: three stages (parse, square, format), each with its own workers,
 * connected by bounded channels so a slow stage holds back the ones before it. With
 * {@code ordered(true)} results come out in input order even though workers finish out of
 * order. A failing stage stops the whole pipeline and names itself.
 */
public final class PipelineStages implements Example {

    @Override
    public String name() {
        return "pipeline";
    }

    @Override
    public String description() {
        return "a three-stage pipeline over bounded channels, ordered, and a failing stage";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        List<String> input = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            input.add(Integer.toString(i));
        }
        try (Pipeline<String, String> p = Pipeline.from(input)
                .stage("parse", 2, Integer::parseInt)
                .stage("square", 3, x -> (long) x * x)
                .stage("format", 1, x -> "[" + x + "]")
                .ordered(true)
                .capacity(4)
                .build()) {
            StringBuilder sb = new StringBuilder();
            for (String s : p.results()) {
                sb.append(s);
            }
            out.println("  results in input order: " + sb);
        }

        List<String> withBadRecord = new ArrayList<>(input);
        withBadRecord.add(5, "six?");
        try (Pipeline<String, Long> p = Pipeline.from(withBadRecord)
                .stage("parse", 2, Integer::parseInt)
                .stage("square", 2, x -> (long) x * x)
                .build()) {
            int received = 0;
            try {
                for (Long ignored : p.results()) {
                    received++;
                }
                throw new IllegalStateException("the bad record was not reported");
            } catch (PipelineException e) {
                out.println("  after " + received + " result(s): " + e.getMessage());
                out.println("  failed stage: " + e.stage() + ", cause: " + e.getCause().getClass().getSimpleName());
            }
        }
        long left = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("strand-pipeline-")).count();
        out.println("  pipeline threads still running after close(): " + left);
        if (left != 0) {
            throw new IllegalStateException(left + " pipeline thread(s) still running");
        }
    }
}
