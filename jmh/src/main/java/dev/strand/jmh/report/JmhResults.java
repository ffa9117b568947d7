package dev.strand.jmh.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The results of one or more JMH runs ({@code -rf json} files), plus the {@code LATENCY} lines
 * that {@code RequestReplyBenchmark} prints, read from a {@code .log} file beside each JSON file
 * ({@code x.json} → {@code x.log}) when there is one.
 */
final class JmhResults {

    /**
     * One JMH result: a benchmark with one set of parameters and one thread count.
     *
     * <p>{@code drift} is how far the score still moved during measurement: in each fork, the
     * mean of the last half of its iterations minus the mean of the first half, over the fork's
     * mean; averaged over the forks when every fork moved the same way, else 0 (noise, not a
     * trend). {@code NaN} when a fork has fewer than 4 iterations or no raw data was written.
     */
    record Score(String benchmark, Map<String, String> params, int threads, String mode, double score,
                 double error, double median, String unit, double allocPerOp, double allocError, String settings,
                 double drift) {
    }

    /** Percentiles of one request-reply trial, in µs. */
    record Latency(String benchmark, String system, double p50, double p99, long count) {
    }

    private static final Pattern LATENCY = Pattern.compile(
            "^LATENCY (\\S+) system=(\\S+) p50=([0-9.]+)us p99=([0-9.]+)us n=(\\d+)\\s*$");

    private final List<Score> scores;
    private final List<Latency> latencies;
    private final String jvm;
    private final String jmhVersion;

    private JmhResults(List<Score> scores, List<Latency> latencies, String jvm, String jmhVersion) {
        this.scores = scores;
        this.latencies = latencies;
        this.jvm = jvm;
        this.jmhVersion = jmhVersion;
    }

    /**
     * Reads JMH JSON files, in order: where two files hold the same benchmark, parameters and
     * thread count, the later one wins.
     */
    static JmhResults read(List<Path> jsonFiles) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Score> scores = new ArrayList<>();
        List<Latency> latencies = new ArrayList<>();
        String jvm = "";
        String jmh = "";
        for (Path file : jsonFiles) {
            JsonNode root = mapper.readTree(file.toFile());
            if (root == null || !root.isArray()) {
                throw new IOException(file + ": not a JMH JSON result (expected an array)");
            }
            for (JsonNode r : root) {
                scores.add(score(r));
                jvm = r.path("vmName").asText("") + " " + r.path("vmVersion").asText("");
                jmh = r.path("jmhVersion").asText("");
            }
            String name = file.getFileName().toString();
            Path log = file.resolveSibling(name.replaceFirst("\\.json$", "") + ".log");
            if (Files.isRegularFile(log)) {
                latencies.addAll(latencies(Files.readAllLines(log)));
            }
        }
        return new JmhResults(scores, latencies, jvm.trim(), jmh);
    }

    private static Score score(JsonNode r) {
        Map<String, String> params = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : r.path("params").properties()) {
            params.put(e.getKey(), e.getValue().asText());
        }
        JsonNode pm = r.path("primaryMetric");
        JsonNode sec = r.path("secondaryMetrics");
        JsonNode alloc = sec.has("gc.alloc.rate.norm") ? sec.get("gc.alloc.rate.norm")
                // JMH before 1.29 prefixed secondary metrics with a middle dot.
                : sec.path("\u00b7gc.alloc.rate.norm");
        String settings = "f" + r.path("forks").asInt() + " wi " + r.path("warmupIterations").asInt() + "×"
                + r.path("warmupTime").asText() + ", i " + r.path("measurementIterations").asInt() + "×"
                + r.path("measurementTime").asText();
        return new Score(r.path("benchmark").asText(), Collections.unmodifiableMap(params),
                r.path("threads").asInt(1), r.path("mode").asText(), number(pm.path("score")),
                number(pm.path("scoreError")), number(pm.path("scorePercentiles").path("50.0")),
                pm.path("scoreUnit").asText(), number(alloc.path("score")),
                number(alloc.path("scoreError")), settings, drift(pm.path("rawData")));
    }

    /**
     * The drift of a result's iterations ({@link Score#drift()}) from JMH's {@code rawData}: one
     * array of iteration scores per fork.
     */
    static double drift(JsonNode rawData) {
        if (!rawData.isArray() || rawData.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        int rising = 0;
        int falling = 0;
        for (JsonNode fork : rawData) {
            int n = fork.size();
            if (n < 4) {
                return Double.NaN;
            }
            int half = n / 2;
            double first = 0;
            double last = 0;
            double all = 0;
            for (int i = 0; i < n; i++) {
                double x = number(fork.get(i));
                all += x;
                if (i < half) {
                    first += x;
                }
                if (i >= n - half) {
                    last += x;
                }
            }
            double mean = all / n;
            if (!(mean > 0)) {
                return Double.NaN;
            }
            double change = (last - first) / half / mean;
            sum += change;
            rising += change > 0 ? 1 : 0;
            falling += change < 0 ? 1 : 0;
        }
        int forks = rawData.size();
        return rising == forks || falling == forks ? sum / forks : 0.0;
    }

    /** JMH writes NaN and infinities as strings ({@code "NaN"}); a missing value is NaN. */
    private static double number(JsonNode n) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    static List<Latency> latencies(List<String> lines) {
        List<Latency> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LATENCY.matcher(line);
            if (m.matches()) {
                out.add(new Latency(m.group(1), m.group(2), Double.parseDouble(m.group(3)),
                        Double.parseDouble(m.group(4)), Long.parseLong(m.group(5))));
            }
        }
        return out;
    }

    /** The last result that {@code ref} selects, or {@code null}. */
    Score find(Comparison.Ref ref) {
        Objects.requireNonNull(ref, "ref");
        Score found = null;
        for (Score s : scores) {
            if (ref.matches(s.benchmark(), s.params(), s.threads())) {
                found = s;
            }
        }
        return found;
    }

    List<Score> scores() {
        return scores;
    }

    List<Latency> latencies() {
        return latencies;
    }

    /** VM name and version of the last result read, e.g. {@code OpenJDK 64-Bit Server VM 17.0.15+6}. */
    String jvm() {
        return jvm;
    }

    String jmhVersion() {
        return jmhVersion;
    }

    /** The distinct JMH settings of the results, each with how many results used it. */
    Map<String, Integer> settings() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Score s : scores) {
            out.merge(s.settings(), 1, Integer::sum);
        }
        return out;
    }
}
