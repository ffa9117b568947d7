package dev.strand.jmh.report;

import java.util.Map;
import java.util.Objects;

/**
 * One side-by-side comparison of the report: which JMH result is Strand's, which is the peer's,
 * how to read the scores, and the design's target.
 *
 * <p>Every target is written as a minimum <em>speed ratio</em> (how many times as fast Strand
 * is), whatever the benchmark's mode: a design target "overhead ≤ 0.5× the peer's" is a speed
 * ratio ≥ 2, "round trip ≤ the peer's" is ≥ 1.
 *
 * @param group     the module ({@code channels}, {@code parallel}, ...), for grouping
 * @param label     the row's name in the table and chart
 * @param strand    Strand's result
 * @param peer      the peer's result
 * @param baseline  the bare operation whose score is subtracted from both (overhead comparisons),
 *                  or {@code null}
 * @param direction how to turn the two scores into a speed ratio
 * @param target    the minimum speed ratio the design asks for, {@code NaN} if none
 * @param alloc     the design's allocation target
 */
record Comparison(String group, String label, Ref strand, Ref peer, Ref baseline, Direction direction,
                  double target, AllocTarget alloc) {

    Comparison {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(strand, "strand");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(alloc, "alloc");
    }

    /** Whether a higher score or a lower score is better. */
    enum Direction {
        /** Operations per time unit (JMH mode {@code thrpt}): speed ratio = Strand / peer. */
        THROUGHPUT,
        /** Time per operation (JMH modes {@code avgt}, {@code sample}, {@code ss}): speed ratio = peer / Strand. */
        TIME;

        /** The direction that JMH's {@code mode} field implies. */
        static Direction ofMode(String mode) {
            return "thrpt".equals(mode) ? THROUGHPUT : TIME;
        }
    }

    /**
     * The allocation target of a comparison, checked against {@code gc.alloc.rate.norm}.
     *
     * @param zero           Strand must allocate nothing per operation (below {@link #ZERO_BELOW} B/op)
     * @param fractionOfPeer Strand's B/op must be at most this fraction of the peer's ({@code NaN}: none)
     */
    record AllocTarget(boolean zero, double fractionOfPeer) {
        /** B/op under which an allocation counts as zero: JMH's own noise is a few hundredths. */
        static final double ZERO_BELOW = 0.5;
        static final AllocTarget NONE = new AllocTarget(false, Double.NaN);
        static final AllocTarget ZERO = new AllocTarget(true, Double.NaN);

        static AllocTarget atMost(double fractionOfPeer) {
            return new AllocTarget(false, fractionOfPeer);
        }

        boolean present() {
            return zero || !Double.isNaN(fractionOfPeer);
        }
    }

    /**
     * Selects one JMH result.
     *
     * @param benchmark the end of the benchmark's full name, e.g. {@code channels.PingPong.roundTrip}
     * @param params    parameters that must have these values (others may have any value)
     * @param threads   the thread count ({@code -t}); 0 matches any
     */
    record Ref(String benchmark, Map<String, String> params, int threads) {
        Ref {
            Objects.requireNonNull(benchmark, "benchmark");
            params = Map.copyOf(params);
        }

        boolean matches(String fullName, Map<String, String> resultParams, int resultThreads) {
            if (!(fullName.equals(benchmark) || fullName.endsWith("." + benchmark))) {
                return false;
            }
            if (threads > 0 && threads != resultThreads) {
                return false;
            }
            for (Map.Entry<String, String> e : params.entrySet()) {
                if (!e.getValue().equals(resultParams.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(benchmark);
            params.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> sb.append(' ').append(e.getKey()).append('=').append(e.getValue()));
            if (threads > 0) {
                sb.append(" -t ").append(threads);
            }
            return sb.toString();
        }
    }
}
