package dev.strand.jmh.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strand.jmh.report.Comparison.AllocTarget;
import dev.strand.jmh.report.Comparison.Direction;
import dev.strand.jmh.report.Comparison.Ref;
import dev.strand.jmh.report.JmhResults.Score;
import dev.strand.jmh.report.Outcome.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeTest {

    private static Score score(String mode, double value, double error, String unit, double alloc) {
        return drifting(mode, value, error, unit, alloc, 0.0);
    }

    private static Score drifting(String mode, double value, double error, String unit, double alloc, double drift) {
        return new Score("dev.strand.jmh.x.X.m", Map.of(), 1, mode, value, error, value, unit, alloc, 0.0,
                "f1 wi 2×1 s, i 5×1 s", drift);
    }

    private static Comparison comparison(Direction direction, double target, boolean baseline, AllocTarget alloc) {
        return new Comparison("g", "label", new Ref("X.strand", Map.of(), 0), new Ref("X.peer", Map.of(), 0),
                baseline ? new Ref("X.baseline", Map.of(), 0) : null, direction, target, alloc);
    }

    @Test
    void shouldDivideStrandThroughputByPeersAndPropagateRelativeErrors() {
        Outcome o = Outcome.evaluate(comparison(Direction.THROUGHPUT, 3.0, false, AllocTarget.NONE),
                score("thrpt", 30, 3, "ops/us", 4), score("thrpt", 10, 1, "ops/us", 24), null);

        assertThat(o.ratio()).isCloseTo(3.0, within(1e-12));
        assertThat(o.error()).isCloseTo(3.0 * Math.sqrt(0.01 + 0.01), within(1e-12));
        assertThat(o.verdict()).isEqualTo(Verdict.MET_WITHIN_ERROR);
    }

    @Test
    void shouldDividePeerTimeByStrandTimeSoThatAboveOneMeansStrandFaster() {
        Outcome o = Outcome.evaluate(comparison(Direction.TIME, 1.0, false, AllocTarget.NONE),
                score("avgt", 500, 50, "ns/op", 48), score("avgt", 20000, 2000, "ns/op", 128), null);

        assertThat(o.ratio()).isCloseTo(40.0, within(1e-12));
        assertThat(o.error()).isCloseTo(40.0 * Math.sqrt(0.01 + 0.01), within(1e-12));
        assertThat(o.verdict()).isEqualTo(Verdict.MET);
    }

    @Test
    void shouldReportAStrandSlowerThanThePeerBelowOneInBothDirections() {
        Outcome time = Outcome.evaluate(comparison(Direction.TIME, 1.0, false, AllocTarget.NONE),
                score("avgt", 200, 10, "ns/op", 0), score("avgt", 100, 5, "ns/op", 0), null);
        Outcome thrpt = Outcome.evaluate(comparison(Direction.THROUGHPUT, 1.0, false, AllocTarget.NONE),
                score("thrpt", 100, 5, "ops/s", 0), score("thrpt", 200, 10, "ops/s", 0), null);

        assertThat(time.ratio()).isCloseTo(0.5, within(1e-12));
        assertThat(thrpt.ratio()).isCloseTo(0.5, within(1e-12));
        assertThat(time.error()).isCloseTo(0.5 * Math.sqrt(0.0025 + 0.0025), within(1e-12));
        assertThat(time.verdict()).isEqualTo(Verdict.MISSED);
    }

    @Test
    void shouldCompareOverheadsOverTheBaselineWithAbsoluteErrorsInQuadrature() {
        Outcome o = Outcome.evaluate(comparison(Direction.TIME, 2.0, true, AllocTarget.ZERO),
                score("avgt", 6, 1, "ns/op", 0.01), score("avgt", 402, 40, "ns/op", 48),
                score("avgt", 2, 1, "ns/op", 0));

        double es = Math.hypot(1, 1);
        double ep = Math.hypot(40, 1);
        assertThat(o.ratio()).isCloseTo(100.0, within(1e-9));
        assertThat(o.error()).isCloseTo(100.0 * Math.sqrt(Math.pow(es / 4, 2) + Math.pow(ep / 400, 2)), within(1e-9));
        assertThat(o.verdict()).isEqualTo(Verdict.MET);
        assertThat(o.allocMet()).isTrue();
        assertThat(o.note()).isEqualTo("overhead 4.00 ± 1.41 vs 400 ± 40.0 ns/op");
    }

    @Test
    void shouldGiveAnInfiniteRatioWhenStrandsOverheadIsNotAboveZero() {
        Outcome o = Outcome.evaluate(comparison(Direction.TIME, 2.0, true, AllocTarget.ZERO),
                score("avgt", 2.5, 1, "ns/op", 0), score("avgt", 402, 40, "ns/op", 48),
                score("avgt", 3.0, 1, "ns/op", 0));

        assertThat(o.unbounded()).isTrue();
        assertThat(o.error()).isNaN();
        assertThat(o.verdict()).isEqualTo(Verdict.MET_WITHIN_ERROR);
        assertThat(RatioChart.drawable(o)).isFalse();
        assertThat(o.inconclusive()).as("an overhead below the bare call's noise is a finding").isFalse();
    }

    @Test
    void shouldCallARatioInconclusiveWhenItsErrorIsHalfOfItOrUnknown() {
        Comparison c = comparison(Direction.THROUGHPUT, 3.0, false, AllocTarget.NONE);
        // 6.43 ± 12.9, the kind of row the chart used to draw like any other.
        Outcome wide = Outcome.evaluate(c, score("thrpt", 64.3, 120, "ops/us", 0), score("thrpt", 10, 5, "ops/us", 0), null);
        assertThat(wide.error()).isGreaterThan(wide.ratio() / 2);
        assertThat(wide.inconclusive()).isTrue();

        Outcome tight = Outcome.evaluate(c, score("thrpt", 30, 3, "ops/us", 0), score("thrpt", 10, 1, "ops/us", 0), null);
        assertThat(tight.inconclusive()).isFalse();

        Outcome noError = Outcome.evaluate(c, score("thrpt", 30, Double.NaN, "ops/us", 0),
                score("thrpt", 10, 1, "ops/us", 0), null);
        assertThat(noError.inconclusive()).isTrue();
    }

    @Test
    void shouldRejectAMissingBaselineAndDifferentUnits() {
        Comparison overhead = comparison(Direction.TIME, 2.0, true, AllocTarget.NONE);
        assertThatThrownBy(() -> Outcome.evaluate(overhead, score("avgt", 6, 1, "ns/op", 0),
                score("avgt", 9, 1, "ns/op", 0), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseline");
        Comparison plain = comparison(Direction.TIME, 2.0, false, AllocTarget.NONE);
        assertThatThrownBy(() -> Outcome.evaluate(plain, score("avgt", 6, 1, "ns/op", 0),
                score("avgt", 9, 1, "us/op", 0), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("units");
    }

    @Test
    void shouldPlaceTheIntervalAgainstTheTarget() {
        assertThat(Outcome.verdict(4.0, 0.5, 3.0)).isEqualTo(Verdict.MET);
        assertThat(Outcome.verdict(3.0, 0.0, 3.0)).isEqualTo(Verdict.MET);
        assertThat(Outcome.verdict(3.2, 0.5, 3.0)).isEqualTo(Verdict.MET_WITHIN_ERROR);
        assertThat(Outcome.verdict(2.8, 0.5, 3.0)).isEqualTo(Verdict.MISSED_WITHIN_ERROR);
        assertThat(Outcome.verdict(2.0, 0.5, 3.0)).isEqualTo(Verdict.MISSED);
        assertThat(Outcome.verdict(4.0, Double.NaN, 3.0)).isEqualTo(Verdict.MET_WITHIN_ERROR);
        assertThat(Outcome.verdict(2.0, Double.NaN, 3.0)).isEqualTo(Verdict.MISSED_WITHIN_ERROR);
        assertThat(Outcome.verdict(2.0, 0.5, Double.NaN)).isEqualTo(Verdict.NO_TARGET);
    }

    @Test
    void shouldCheckTheAllocationTargets() {
        assertThat(Outcome.allocMet(AllocTarget.ZERO, 0.02, 100)).isTrue();
        assertThat(Outcome.allocMet(AllocTarget.ZERO, 48, 100)).isFalse();
        assertThat(Outcome.allocMet(AllocTarget.atMost(1.0 / 3), 4, 24)).isTrue();
        assertThat(Outcome.allocMet(AllocTarget.atMost(1.0 / 3), 9, 24)).isFalse();
        assertThat(Outcome.allocMet(AllocTarget.atMost(1.0 / 3), 4, Double.NaN)).isNull();
        assertThat(Outcome.allocMet(AllocTarget.ZERO, Double.NaN, 1)).isNull();
        assertThat(Outcome.allocMet(AllocTarget.NONE, 4, 24)).isNull();
    }

    @Test
    void shouldMarkARowWhosePeerStillDriftedInconclusiveAndSaySo() {
        Comparison c = comparison(Direction.THROUGHPUT, 3.0, false, AllocTarget.NONE);
        Outcome o = Outcome.evaluate(c, score("thrpt", 40, 1, "ops/us", 0),
                drifting("thrpt", 10, 0.5, "ops/us", 0, 0.62), null);

        assertThat(o.verdict()).isEqualTo(Verdict.MET);
        assertThat(o.drifting()).isTrue();
        assertThat(o.inconclusive()).isTrue();
        assertThat(o.driftNote()).isEqualTo("still drifting: peer +62 %");
    }

    @Test
    void shouldNotMarkADriftBelowTheLimitOrAnUnknownOne() {
        Comparison c = comparison(Direction.THROUGHPUT, 3.0, false, AllocTarget.NONE);
        Outcome small = Outcome.evaluate(c, drifting("thrpt", 40, 1, "ops/us", 0, -0.14),
                drifting("thrpt", 10, 0.5, "ops/us", 0, Double.NaN), null);
        Outcome strandFalls = Outcome.evaluate(c, drifting("thrpt", 40, 1, "ops/us", 0, -0.2),
                score("thrpt", 10, 0.5, "ops/us", 0), null);

        assertThat(small.drifting()).isFalse();
        assertThat(small.inconclusive()).isFalse();
        assertThat(small.driftNote()).isEmpty();
        assertThat(strandFalls.driftNote()).isEqualTo("still drifting: Strand -20 %");
    }
}
