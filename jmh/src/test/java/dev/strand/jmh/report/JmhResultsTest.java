package dev.strand.jmh.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strand.jmh.report.Comparison.Ref;
import dev.strand.jmh.report.JmhResults.Latency;
import dev.strand.jmh.report.JmhResults.Score;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhResultsTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadScoresErrorsMediansAndAllocationFromJmhJson() throws IOException {
        JmhResults r = JmhResults.read(List.of(Fixtures.path(Fixtures.HAND_MADE)));

        assertThat(r.scores()).hasSize(15);
        Score lbq = r.find(new Ref("channels.UnboundedThroughput.transfer", Map.of("system", "lbq", "producers", "1"), 0));
        assertThat(lbq.score()).isEqualTo(10.0);
        assertThat(lbq.error()).isEqualTo(1.0);
        assertThat(lbq.median()).isEqualTo(8.0);
        assertThat(lbq.unit()).isEqualTo("ops/us");
        assertThat(lbq.mode()).isEqualTo("thrpt");
        assertThat(lbq.allocPerOp()).isEqualTo(24.0);
        assertThat(r.jvm()).isEqualTo("OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1");
        assertThat(r.jmhVersion()).isEqualTo("1.37");
        assertThat(r.settings()).containsExactly(Map.entry("f1 wi 2×1 s, i 5×1 s", 15));
    }

    @Test
    void shouldReadJmhsNanErrorAsNan() throws IOException {
        JmhResults r = JmhResults.read(List.of(Fixtures.path(Fixtures.HAND_MADE)));

        Score s = r.find(new Ref("parallel.SortIntBenchmark.jdkArraysParallelSort", Map.of(), 0));

        assertThat(s.score()).isEqualTo(900.0);
        assertThat(s.error()).isNaN();
    }

    @Test
    void shouldSelectByBenchmarkSuffixParamsAndThreads() throws IOException {
        JmhResults r = JmhResults.read(List.of(Fixtures.path(Fixtures.HAND_MADE)));

        assertThat(r.find(new Ref("resilience.RetryBenchmark.strand", Map.of(), 1)).score()).isEqualTo(6.0);
        assertThat(r.find(new Ref("resilience.RetryBenchmark.strand", Map.of(), 2)).score()).isEqualTo(5.0);
        assertThat(r.find(new Ref("resilience.RetryBenchmark.strand", Map.of(), 3))).isNull();
        assertThat(r.find(new Ref("RetryBenchmark.failsafe", Map.of(), 0))).isNull();
        assertThat(r.find(new Ref("etryBenchmark.strand", Map.of(), 0))).isNull();
        assertThat(r.find(new Ref("channels.PingPong.roundTrip", Map.of("system", "sq"), 0)).score()).isEqualTo(20000.0);
        assertThat(r.find(new Ref("channels.PingPong.roundTrip", Map.of("system", "nope"), 0))).isNull();
    }

    @Test
    void shouldReadLatencyLinesFromTheLogBesideTheJson() throws IOException {
        JmhResults r = JmhResults.read(List.of(Fixtures.path(Fixtures.HAND_MADE)));

        assertThat(r.latencies()).containsExactly(
                new Latency("dev.strand.jmh.net.RequestReplyBenchmark.inFlight1", "strand", 52.0, 1265.5, 45000),
                new Latency("dev.strand.jmh.net.RequestReplyBenchmark.inFlight1", "netty", 55.0, 192.0, 60000));
    }

    @Test
    void shouldLetTheLaterFileWinForTheSameResult() throws IOException {
        Path first = dir.resolve("a.json");
        Path second = dir.resolve("b.json");
        Files.copy(Fixtures.path(Fixtures.HAND_MADE), first);
        Files.writeString(second, Files.readString(first).replace("\"score\": 500.0", "\"score\": 250.0"));

        JmhResults r = JmhResults.read(List.of(first, second));

        assertThat(r.scores()).hasSize(30);
        assertThat(r.find(new Ref("channels.PingPong.roundTrip", Map.of("system", "strand-rendezvous"), 0)).score())
                .isEqualTo(250.0);
        assertThat(r.latencies()).isEmpty();
    }

    @Test
    void shouldRejectJsonThatIsNotAJmhResultArray() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"benchmark\": \"x\"}");

        assertThatThrownBy(() -> JmhResults.read(List.of(bad))).isInstanceOf(IOException.class)
                .hasMessageContaining("not a JMH JSON result");
    }

    @Test
    void shouldMeasureDriftAsTheChangeFromTheFirstToTheLastHalfOfEachFork() throws IOException {
        ObjectMapper json = new ObjectMapper();
        // Each fork rises from 10 to 20 over 4 iterations: halves 10 and 20, fork mean 15.
        assertThat(JmhResults.drift(json.readTree("[[10, 10, 20, 20], [10, 10, 20, 20]]")))
                .isCloseTo(10.0 / 15, within(1e-12));
        // An odd count leaves the middle iteration out of both halves: (27.5 - 12.5) / 20.
        assertThat(JmhResults.drift(json.readTree("[[10, 15, 20, 25, 30]]"))).isCloseTo(0.75, within(1e-12));
        // Forks that move opposite ways are noise, not a trend.
        assertThat(JmhResults.drift(json.readTree("[[10, 10, 20, 20], [20, 20, 10, 10]]"))).isZero();
        // Too few iterations to tell, or no raw data.
        assertThat(JmhResults.drift(json.readTree("[[10, 20, 30]]"))).isNaN();
        assertThat(JmhResults.drift(json.readTree("[]"))).isNaN();
        assertThat(JmhResults.drift(json.missingNode())).isNaN();
    }

    @Test
    void shouldReadEachScoresDriftFromItsRawData() throws IOException {
        JmhResults r = JmhResults.read(List.of(Fixtures.path(Fixtures.HAND_MADE)));

        assertThat(r.scores()).allSatisfy(s -> assertThat(s.drift()).isNotNaN());
    }
}
