package dev.strand.jmh.report;

import dev.strand.jmh.report.JmhResults.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A comparison evaluated on measured scores: Strand's speed ratio to the peer with its error,
 * and whether the design's targets are met.
 *
 * <p>Speed ratio: Strand's throughput / the peer's, or the peer's time / Strand's; with a
 * baseline, the peer's overhead (score − baseline) / Strand's overhead. Above 1, Strand is
 * faster. The error is JMH's 99.9% half-width of each score, relative errors added in
 * quadrature (absolute errors in quadrature for the overhead differences). When Strand's
 * overhead is not above zero the ratio is infinite ({@link #unbounded()}).
 *
 * @param comparison what was compared
 * @param strand     Strand's result
 * @param peer       the peer's result
 * @param ratio      the speed ratio ({@code +Infinity} if Strand's overhead is ≤ 0)
 * @param error      its error ({@code NaN} when JMH gave none, e.g. fewer than 3 iterations)
 * @param medianRatio the same ratio computed from the median iterations (robust to one
 *                   descheduled iteration on a loaded machine), {@code NaN} if not finite
 * @param verdict    the speed target's verdict
 * @param allocMet   the allocation target's verdict: {@code TRUE}, {@code FALSE}, or {@code null} (none or unknown)
 * @param note       extra words for the table (overheads), or empty
 */
record Outcome(Comparison comparison, Score strand, Score peer, double ratio, double error, double medianRatio,
               Verdict verdict,
               Boolean allocMet, String note) {

    /** Where the ratio and its error interval lie against the target. */
    enum Verdict {
        /** The whole interval ratio ± error is at or above the target. */
        MET("yes"),
        /** The ratio is at or above the target, the interval reaches below it (or the error is unknown). */
        MET_WITHIN_ERROR("yes?"),
        /** The ratio is below the target, the interval reaches it (or the error is unknown). */
        MISSED_WITHIN_ERROR("no?"),
        /** The whole interval is below the target. */
        MISSED("no"),
        /** The design sets no speed target for this comparison. */
        NO_TARGET("—");

        final String text;

        Verdict(String text) {
            this.text = text;
        }
    }

    /**
     * A side whose score moved by this fraction or more between the first and the last half of
     * its measurement iterations, the same way in every fork, was still warming up (JIT, buffer
     * pools, a peer's adaptive windows) or slowing down: its mean mixes two regimes.
     */
    static final double DRIFT_LIMIT = 0.15;

    boolean unbounded() {
        return Double.isInfinite(ratio);
    }

    /**
     * Whether the measurement cannot support its ratio: JMH gave no error, or the error is at
     * least half the ratio (the interval spans a factor of three or more, as 6.4 ± 12.9 does),
     * or a side's score still drifted during measurement ({@link #drifting()}). Such a row is hatched in the chart and marked in the table; its verdict stands, but it
     * decides nothing. An unbounded overhead ratio is not inconclusive: Strand's overhead is
     * below the bare call's noise.
     */
    boolean inconclusive() {
        return !unbounded() && (Double.isNaN(error) || error >= ratio / 2) || drifting();
    }

    /**
     * Whether Strand's or the peer's score drifted by {@link #DRIFT_LIMIT} or more during
     * measurement ({@link Score#drift()}): the warm-up was too short for that benchmark.
     */
    boolean drifting() {
        return Math.abs(strand.drift()) >= DRIFT_LIMIT || Math.abs(peer.drift()) >= DRIFT_LIMIT;
    }

    /** Words for the table when {@link #drifting()}, e.g. {@code "still drifting: peer +62 %"}, else empty. */
    String driftNote() {
        if (!drifting()) {
            return "";
        }
        List<String> sides = new ArrayList<>();
        if (Math.abs(strand.drift()) >= DRIFT_LIMIT) {
            sides.add("Strand " + percent(strand.drift()));
        }
        if (Math.abs(peer.drift()) >= DRIFT_LIMIT) {
            sides.add("peer " + percent(peer.drift()));
        }
        return "still drifting: " + String.join(", ", sides);
    }

    private static String percent(double change) {
        return String.format(Locale.ROOT, "%+.0f %%", change * 100);
    }

    /** Whether this is an overhead comparison (a bare call's score subtracted from both sides). */
    boolean overhead() {
        return comparison.baseline() != null;
    }

    /**
     * Evaluates {@code c} on the given scores.
     *
     * @param baseline the baseline's score, required iff {@code c.baseline()} is set
     * @throws IllegalArgumentException if the two scores have different units, or a baseline is missing
     */
    static Outcome evaluate(Comparison c, Score strand, Score peer, Score baseline) {
        Objects.requireNonNull(c, "c");
        Objects.requireNonNull(strand, "strand");
        Objects.requireNonNull(peer, "peer");
        if (!strand.unit().equals(peer.unit())) {
            throw new IllegalArgumentException("units differ: " + strand.unit() + " vs " + peer.unit());
        }
        double sm = strand.median();
        double pm = peer.median();
        double s = strand.score();
        double es = strand.error();
        double p = peer.score();
        double ep = peer.error();
        String note = "";
        if (c.baseline() != null) {
            if (baseline == null) {
                throw new IllegalArgumentException("baseline: no score for " + c.baseline());
            }
            double b = baseline.score();
            sm -= baseline.median();
            pm -= baseline.median();
            double eb = baseline.error();
            s -= b;
            es = Math.hypot(es, eb);
            p -= b;
            ep = Math.hypot(ep, eb);
            note = String.format("overhead %s vs %s %s", plusMinus(s, es), plusMinus(p, ep), strand.unit());
        }
        double ratio;
        double error;
        if (c.baseline() != null && s <= 0 && p > 0) {
            // Strand's overhead is within the bare call's noise: no finite ratio.
            ratio = Double.POSITIVE_INFINITY;
            error = Double.NaN;
        } else {
            ratio = c.direction() == Comparison.Direction.THROUGHPUT ? s / p : p / s;
            error = Math.abs(ratio) * Math.sqrt(square(es / s) + square(ep / p));
        }
        double medianRatio = c.direction() == Comparison.Direction.THROUGHPUT ? sm / pm : pm / sm;
        if (!Double.isFinite(medianRatio) || medianRatio <= 0) {
            medianRatio = Double.NaN;
        }
        return new Outcome(c, strand, peer, ratio, error, medianRatio, verdict(ratio, error, c.target()),
                allocMet(c.alloc(), strand.allocPerOp(), peer.allocPerOp()), note);
    }

    static Verdict verdict(double ratio, double error, double target) {
        if (Double.isNaN(target)) {
            return Verdict.NO_TARGET;
        }
        boolean errorKnown = !Double.isNaN(error);
        if (ratio >= target) {
            return errorKnown && ratio - error >= target ? Verdict.MET : Verdict.MET_WITHIN_ERROR;
        }
        return errorKnown && ratio + error < target ? Verdict.MISSED : Verdict.MISSED_WITHIN_ERROR;
    }

    static Boolean allocMet(Comparison.AllocTarget target, double strandBytes, double peerBytes) {
        if (!target.present() || Double.isNaN(strandBytes)) {
            return null;
        }
        if (target.zero()) {
            return strandBytes < Comparison.AllocTarget.ZERO_BELOW;
        }
        if (Double.isNaN(peerBytes)) {
            return null;
        }
        return strandBytes <= target.fractionOfPeer() * peerBytes;
    }

    private static double square(double x) {
        return x * x;
    }

    private static String plusMinus(double x, double e) {
        return Double.isNaN(e) ? Format.number(x) : Format.number(x) + " ± " + Format.number(e);
    }
}
