package dev.strand.jmh.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.jmh.report.BenchmarkReport.Machine;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkReportTest {

    private static final String HEAD = "# Strand benchmarks\n\nintro\n\n## Results (generated)\n\n";
    private static final String TAIL = "\n\n## channels\n\n| hand | written |\n|---|---|\n| 1 | 2 |\n";
    private static final Machine MACHINE = new Machine("Test CPU 9000", 2);

    @TempDir
    Path dir;

    private Path readme;
    private Path chart;
    private Path json;

    @BeforeEach
    void setUp() throws IOException {
        readme = dir.resolve("README.md");
        chart = dir.resolve("results/ratios.png");
        json = dir.resolve(Fixtures.HAND_MADE);
        Files.copy(Fixtures.path(Fixtures.HAND_MADE), json);
        Files.copy(Fixtures.path(Fixtures.HAND_MADE.replace(".json", ".log")),
                dir.resolve(Fixtures.HAND_MADE.replace(".json", ".log")));
    }

    private String run(String document) throws IOException {
        Files.writeString(readme, document);
        return BenchmarkReport.run(List.of(json), readme, chart, "jmh/report.sh short", MACHINE);
    }

    @Test
    void shouldRewriteTheRegionWithTheTableAndKeepTheRestOfTheReadme() throws IOException {
        run(HEAD + ReadmeRegion.BEGIN + "\n_placeholder_\n" + ReadmeRegion.END + TAIL);

        String out = Files.readString(readme);
        assertThat(out).startsWith(HEAD + ReadmeRegion.BEGIN + "\n").endsWith(ReadmeRegion.END + TAIL)
                .doesNotContain("_placeholder_")
                .contains("Test CPU 9000, 2 cores; JVM: OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1; JMH 1.37;"
                        + " 2026-11-27 10:15 UTC.")
                .contains("Command: `jmh/report.sh short`")
                .contains("![Strand's speed ratio to each peer](results/ratios.png)")
                .contains("| channels unbounded 1P vs LinkedBlockingQueue | **3.00 ± 0.424** | 3.50 | ≥ 3× · B/op ≤ 0.333×"
                        + " peer's | yes? · B/op yes | 4.0 | 24 |")
                .contains("| channels ping-pong rendezvous vs SynchronousQueue | **40.0 ± 5.66** | 40.0 | ≥ 1× | yes | 48 |"
                        + " 128 |")
                .contains("| parallel sort int[10M] vs Arrays.sort | **2.00 ± 0.283** | 2.00 | ≥ 3× | no |")
                .contains("| parallel sort int[10M] vs Arrays.parallelSort | **1.80** | 1.80 | ≥ 1× | yes? · inconclusive |")
                .contains("| resilience retry 1T vs Resilience4j (overhead) <sub>overhead 4.00 ± 1.41 vs 400 ± 40.0"
                        + " ns/op</sub> | **100 ± 36.7** | 100 | ≥ 2× · 0 B/op | yes · B/op yes | 0 | 48 |")
                .contains("| resilience retry 2T vs Resilience4j (overhead)")
                .contains("| net request-reply, 1 in flight, vs Netty + Jackson | **0.750 ± 0.106** | 0.750 | — | — |")
                .contains("| RequestReplyBenchmark.inFlight1 | strand | 52.0 | 1,266 | 45000 |");
    }

    @Test
    void shouldSkipComparisonsWhoseResultsAreMissingAndSayWhich() throws IOException {
        String region = run(HEAD + ReadmeRegion.BEGIN + "\n" + ReadmeRegion.END + TAIL);

        assertThat(region).contains("Not in these results (skipped):")
                .contains("- channels unbounded 2P vs LinkedBlockingQueue (no result for")
                .contains("- resilience retry 1T vs Failsafe (overhead) (no result for resilience.RetryBenchmark.failsafe"
                        + " -t 1)")
                .doesNotContain("- channels unbounded 1P vs LinkedBlockingQueue");
        List<String> skipped = new ArrayList<>();
        List<Outcome> outcomes = BenchmarkReport.evaluate(Comparisons.all(), JmhResults.read(List.of(json)), skipped);
        assertThat(outcomes).hasSize(7);
        assertThat(skipped).hasSize(Comparisons.all().size() - 7);
    }

    @Test
    void shouldWriteAPngChartSizedToTheDrawnComparisons() throws IOException {
        run(HEAD + ReadmeRegion.BEGIN + "\n" + ReadmeRegion.END + TAIL);

        byte[] png = Files.readAllBytes(chart);
        assertThat(png.length).isGreaterThan(5_000);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        BufferedImage image = ImageIO.read(chart.toFile());
        assertThat(image.getWidth()).isEqualTo(RatioChart.WIDTH);
        // Two panels: 5 speed ratios above, the 2 retry overhead ratios below on an axis of their own.
        assertThat(image.getHeight()).isEqualTo(RatioChart.height(5) + RatioChart.height(2));
    }

    @Test
    void shouldFailClearlyAndWriteNothingWhenTheReadmeHasNoMarkers() throws IOException {
        String document = HEAD + TAIL;

        assertThatThrownBy(() -> run(document)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ReadmeRegion.BEGIN);
        assertThat(Files.readString(readme)).isEqualTo(document);
        assertThat(chart).doesNotExist();
    }

    /** A real JMH 1.37 file: {@code jmh/report.sh short --only resilience-t2 -wi 0 -i 3 -w 100ms -r 200ms}. */
    @Test
    void shouldEvaluateARealJmhRunWrittenWithTwoThreads() throws IOException {
        List<String> skipped = new ArrayList<>();
        List<Outcome> outcomes = BenchmarkReport.evaluate(Comparisons.all(),
                JmhResults.read(List.of(Fixtures.path("tiny-run-resilience-t2.json"))), skipped);

        assertThat(outcomes).extracting(o -> o.comparison().label()).containsExactly(
                "resilience circuit breaker 2T vs Resilience4j (overhead)",
                "resilience circuit breaker 2T vs Failsafe (overhead)",
                "resilience retry 2T vs Resilience4j (overhead)",
                "resilience retry 2T vs Failsafe (overhead)");
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.strand().threads()).isEqualTo(2);
            assertThat(o.error()).isPositive();
            assertThat(o.strand().allocPerOp()).isLessThan(Comparison.AllocTarget.ZERO_BELOW);
            assertThat(o.peer().allocPerOp()).isGreaterThan(10);
        });
        assertThat(skipped).hasSize(Comparisons.all().size() - 4);
    }

    @Test
    void shouldDateTheReportFromTheUtcStampInTheFileNames() throws IOException {
        Path older = dir.resolve("short-20261127T090000Z-channels.json");
        Files.writeString(older, "[]");

        assertThat(BenchmarkReport.date(List.of(older, json))).isEqualTo("2026-11-27 10:15 UTC");
    }
}
