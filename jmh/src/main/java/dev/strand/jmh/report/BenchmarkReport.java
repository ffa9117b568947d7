package dev.strand.jmh.report;

import dev.strand.jmh.report.JmhResults.Latency;
import dev.strand.jmh.report.JmhResults.Score;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates the benchmark report from JMH's JSON output: Strand's speed ratio to each peer with
 * its propagated error and the design's target, B/op of both sides, the request-reply latency
 * percentiles, written into the generated region of {@code jmh/README.md} (between
 * {@code <!-- report:begin -->} and {@code <!-- report:end -->}; the rest of the file is kept),
 * and a PNG chart of the ratios drawn with JFreeChart.
 *
 * <p>The comparisons are one declarative list (package-private {@code Comparisons}); a
 * comparison whose results are not in the given files is skipped and named in the report.
 * Normally run by {@code jmh/report.sh}; directly:
 *
 * <pre>{@code
 * java -Djava.awt.headless=true -cp jmh/target/benchmarks.jar dev.strand.jmh.report.BenchmarkReport \
 *     --readme jmh/README.md --chart jmh/results/ratios.png --command "jmh/report.sh short" \
 *     jmh/results/short-20261127T100000Z-*.json
 * }</pre>
 *
 * <p>Not thread-safe; a command-line tool.
 */
public final class BenchmarkReport {

    private static final Pattern STAMP = Pattern.compile("(\\d{8}T\\d{6}Z)");

    private BenchmarkReport() {
    }

    /**
     * Runs the report.
     *
     * <p>Arguments: {@code [--readme PATH] [--chart PATH] [--command TEXT] FILE.json...}. Defaults:
     * {@code jmh/README.md}, {@code jmh/results/ratios.png}, and a command line naming the files.
     * Exits with status 2 on bad arguments, 1 if a file cannot be read or the README has no
     * generated region.
     *
     * @param args the arguments above
     */
    public static void main(String[] args) {
        Path readme = Paths.get("jmh/README.md");
        Path chart = Paths.get("jmh/results/ratios.png");
        String command = null;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--readme") || a.equals("--chart") || a.equals("--command")) && i + 1 >= args.length) {
                usage("missing value after " + a);
                return;
            }
            switch (a) {
                case "--readme" -> readme = Paths.get(args[++i]);
                case "--chart" -> chart = Paths.get(args[++i]);
                case "--command" -> command = args[++i];
                default -> {
                    if (a.startsWith("--")) {
                        usage("unknown option " + a);
                        return;
                    }
                    files.add(Paths.get(a));
                }
            }
        }
        if (files.isEmpty()) {
            usage("no JMH JSON files given");
            return;
        }
        if (command == null) {
            command = "jmh/report.sh table " + String.join(" ", files.stream().map(Path::toString).toList());
        }
        try {
            String region = run(files, readme, chart, command, Machine.current());
            System.out.println(region);
            System.out.println("Wrote " + readme + " (generated region) and " + chart);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("report: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void usage(String problem) {
        System.err.println("report: " + problem);
        System.err.println("usage: BenchmarkReport [--readme PATH] [--chart PATH] [--command TEXT] FILE.json...");
        System.exit(2);
    }

    /** The machine the report is generated on: CPU model and core count. */
    record Machine(String cpu, int cores) {
        static Machine current() {
            String cpu = System.getProperty("os.arch");
            try {
                for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                    if (line.startsWith("model name")) {
                        cpu = line.substring(line.indexOf(':') + 1).trim();
                        break;
                    }
                }
            } catch (IOException e) {
                // Not Linux: the architecture name will do.
            }
            return new Machine(cpu, Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * Reads {@code files}, rewrites the region of {@code readme}, writes {@code chart}, and
     * returns the region's new content.
     *
     * @throws IOException if a file cannot be read or written
     * @throws IllegalArgumentException if the README has no well-formed generated region
     */
    static String run(List<Path> files, Path readme, Path chart, String command, Machine machine)
            throws IOException {
        Objects.requireNonNull(readme, "readme");
        Objects.requireNonNull(chart, "chart");
        JmhResults results = JmhResults.read(files);
        List<String> skipped = new ArrayList<>();
        List<Outcome> outcomes = evaluate(Comparisons.all(), results, skipped);
        String document = Files.readString(readme, StandardCharsets.UTF_8);
        Path readmeDir = readme.toAbsolutePath().getParent();
        String link = readmeDir.relativize(chart.toAbsolutePath()).toString().replace('\\', '/');
        String date = date(files);
        boolean drawn = outcomes.stream().anyMatch(RatioChart::drawable);
        String region = markdown(outcomes, skipped, results, machine, date, command, drawn ? link : null);
        // Check the markers before drawing anything.
        String updated = ReadmeRegion.replace(document, region);
        if (drawn) {
            RatioChart.write(outcomes, machine.cores() + " cores, " + results.jvm() + ", " + date + ".", chart);
        }
        Files.writeString(readme, updated, StandardCharsets.UTF_8);
        return region;
    }

    /** Evaluates each comparison whose results are present; names the others in {@code skipped}. */
    static List<Outcome> evaluate(List<Comparison> comparisons, JmhResults results, List<String> skipped) {
        List<Outcome> out = new ArrayList<>();
        for (Comparison c : comparisons) {
            Score s = results.find(c.strand());
            Score p = results.find(c.peer());
            Score b = c.baseline() == null ? null : results.find(c.baseline());
            List<String> missing = new ArrayList<>();
            if (s == null) {
                missing.add(c.strand().toString());
            }
            if (p == null) {
                missing.add(c.peer().toString());
            }
            if (c.baseline() != null && b == null) {
                missing.add(c.baseline().toString());
            }
            if (!missing.isEmpty()) {
                skipped.add(c.label() + " (no result for " + String.join(", ", missing) + ")");
                continue;
            }
            if (Comparison.Direction.ofMode(s.mode()) != c.direction()
                    || Comparison.Direction.ofMode(p.mode()) != c.direction()) {
                skipped.add(c.label() + " (mode " + s.mode() + "/" + p.mode() + " does not match " + c.direction()
                        + ")");
                continue;
            }
            if (!s.unit().equals(p.unit())) {
                skipped.add(c.label() + " (units differ: " + s.unit() + " vs " + p.unit() + ")");
                continue;
            }
            out.add(Outcome.evaluate(c, s, p, b));
        }
        return out;
    }

    /** The run's date: the newest UTC timestamp in the file names ({@code 20261127T100000Z}), else the newest file time. */
    static String date(List<Path> files) throws IOException {
        DateTimeFormatter out = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
        LocalDateTime newest = null;
        for (Path f : files) {
            Matcher m = STAMP.matcher(f.getFileName().toString());
            if (m.find()) {
                LocalDateTime t = LocalDateTime.parse(m.group(1), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
                newest = newest == null || t.isAfter(newest) ? t : newest;
            }
        }
        if (newest == null) {
            Instant latest = Instant.EPOCH;
            for (Path f : files) {
                Instant t = Files.getLastModifiedTime(f).toInstant();
                latest = t.isAfter(latest) ? t : latest;
            }
            newest = LocalDateTime.ofInstant(latest, ZoneOffset.UTC);
        }
        return newest.format(out);
    }

    static String markdown(List<Outcome> outcomes, List<String> skipped, JmhResults results, Machine machine,
                           String date, String command, String chartLink) {
        StringBuilder md = new StringBuilder();
        md.append("_Generated by `jmh/report.sh` (`dev.strand.jmh.report.BenchmarkReport`): edit the comparisons"
                + " there, not this region._\n\n");
        md.append("- Machine: ").append(machine.cpu()).append(", ").append(machine.cores()).append(" cores; JVM: ")
                .append(results.jvm()).append("; JMH ").append(results.jmhVersion()).append("; ").append(date)
                .append(".\n");
        md.append("- Command: `").append(command).append("`\n");
        md.append("- JMH settings (results): ");
        List<String> settings = new ArrayList<>();
        for (Map.Entry<String, Integer> e : results.settings().entrySet()) {
            settings.add(e.getKey() + " (" + e.getValue() + ")");
        }
        md.append(String.join("; ", settings)).append(".\n\n");
        if (chartLink != null) {
            md.append("![Strand's speed ratio to each peer](").append(chartLink).append(")\n\n");
        }
        md.append("Speed ratio: how many times as fast Strand is, from one run: Strand's throughput / the peer's,"
                + " or the peer's time / Strand's; for resilience, the peer's overhead over the bare call /"
                + " Strand's. Above 1, Strand is faster. ± is JMH's 99.9% error of both scores, relative errors"
                + " added in quadrature; the ratio of medians divides the median iterations (one descheduled"
                + " iteration on a loaded machine can swamp a mean). Targets are restated as speed ratios."
                + " met?: yes = the whole interval is at or above the target; yes? / no? = the point estimate is"
                + " above / below it but the interval crosses it (or JMH gave no error); no = the whole interval"
                + " is below; inconclusive = the error is at least half the ratio (or unknown), or a side was"
                + " still drifting: its score moved by 15 % or more, the same way in every fork, from the"
                + " first to the last half of its measurement iterations (a warm-up too short for it); such a row"
                + " decides nothing and is hatched in the chart. B/op: `gc.alloc.rate.norm` (`-prof gc`), per message for the channel and one-way"
                + " net benchmarks.\n\n");
        md.append("| comparison | speed ratio ± error | ratio of medians | target | met? | Strand B/op | peer B/op |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Outcome o : outcomes) {
            Comparison c = o.comparison();
            String label = o.note().isEmpty() ? c.label() : c.label() + " <sub>" + o.note() + "</sub>";
            String ratio = o.unbounded() ? "**∞** (Strand's overhead ≤ 0)"
                    : "**" + Format.number(o.ratio()) + (Double.isNaN(o.error()) ? "" : " ± " + Format.number(o.error()))
                            + "**";
            String target = Format.target(c.target());
            if (c.alloc().zero()) {
                target += " · 0 B/op";
            } else if (!Double.isNaN(c.alloc().fractionOfPeer())) {
                target += " · B/op ≤ " + Format.number(c.alloc().fractionOfPeer()) + "× peer's";
            }
            String met = o.verdict().text;
            if (o.inconclusive()) {
                met += o.drifting() ? " · inconclusive (" + o.driftNote() + ")" : " · inconclusive";
            }
            if (o.allocMet() != null) {
                met += " · B/op " + (o.allocMet() ? "yes" : "no");
            }
            md.append("| ").append(label).append(" | ").append(ratio).append(" | ")
                    .append(Format.number(o.medianRatio())).append(" | ").append(target).append(" | ")
                    .append(met).append(" | ").append(Format.bytes(o.strand().allocPerOp())).append(" | ")
                    .append(Format.bytes(o.peer().allocPerOp())).append(" |\n");
        }
        if (outcomes.isEmpty()) {
            md.append("| (no comparison found in these results) | | | | | | |\n");
        }
        if (!results.latencies().isEmpty()) {
            md.append("\nRequest-reply latency per request (HdrHistogram, measurement iterations; the `LATENCY`"
                    + " lines of the run's log):\n\n");
            md.append("| benchmark | system | p50 µs | p99 µs | requests |\n|---|---|---|---|---|\n");
            for (Latency l : results.latencies()) {
                // Class and method: two benchmark classes share the method names inFlight1/64.
                String b = l.benchmark();
                String name = b.substring(b.lastIndexOf('.', b.lastIndexOf('.') - 1) + 1);
                md.append("| ").append(name).append(" | ").append(l.system()).append(" | ")
                        .append(Format.number(l.p50())).append(" | ").append(Format.number(l.p99())).append(" | ")
                        .append(l.count()).append(" |\n");
            }
        }
        if (!skipped.isEmpty()) {
            md.append("\nNot in these results (skipped):\n\n");
            for (String s : skipped) {
                md.append("- ").append(s).append('\n');
            }
        }
        List<String> undrawn = outcomes.stream().filter(o -> !RatioChart.drawable(o)).map(o -> o.comparison().label())
                .toList();
        if (!undrawn.isEmpty()) {
            md.append("\nNot drawn (no finite ratio): ").append(String.join("; ", undrawn)).append(".\n");
        }
        return md.toString();
    }
}
