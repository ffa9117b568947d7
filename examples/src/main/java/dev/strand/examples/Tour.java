package dev.strand.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Runs the tour: every example in order, or one by name.
 *
 * <pre>
 * mvn -q -pl examples -am compile exec:java                       # the whole tour
 * mvn -q -pl examples -am compile exec:java -Dexample=spawn-join  # one example
 * </pre>
 */
public final class Tour {

    private Tour() {
    }

    /**
     * Returns every example, module by module in dependency order.
     *
     * @return an unmodifiable list
     */
    public static List<Example> examples() {
        List<Example> all = new ArrayList<>();
        all.addAll(CoreExamples.all());
        all.addAll(ChannelsExamples.all());
        all.addAll(ParallelExamples.all());
        all.addAll(ResilienceExamples.all());
        all.addAll(NetExamples.all());
        return Collections.unmodifiableList(all);
    }

    /**
     * Finds an example by name.
     *
     * @param name the example's name
     * @return the example, or empty if none has that name
     */
    public static Optional<Example> find(String name) {
        return examples().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * Runs the whole tour, or the examples named in {@code args}.
     *
     * @param args example names; none (or one blank) runs every example
     * @throws Exception if an example fails
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        List<Example> toRun = new ArrayList<>();
        for (String arg : args) {
            if (arg == null || arg.isBlank()) {
                continue;
            }
            Optional<Example> e = find(arg.trim());
            if (e.isEmpty()) {
                System.err.println("No example named '" + arg.trim() + "'. Known examples:");
                examples().forEach(x -> System.err.println("  " + x.name() + " - " + x.description()));
                System.exit(2);
                return;
            }
            toRun.add(e.get());
        }
        if (toRun.isEmpty()) {
            toRun.addAll(examples());
        }
        for (Example e : toRun) {
            out.println("== " + e.name() + ": " + e.description());
            e.run(out);
            out.println();
        }
        out.println("Tour finished: " + toRun.size() + " example(s) ran.");
    }
}
