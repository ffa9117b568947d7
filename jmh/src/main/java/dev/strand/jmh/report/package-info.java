/**
 * The benchmark report: reads JMH's JSON output, computes Strand's speed ratio to each peer with
 * its propagated error, rewrites the generated region of {@code jmh/README.md} and draws the
 * ratio chart. Run by {@code jmh/report.sh}; entry point {@link dev.strand.jmh.report.BenchmarkReport}.
 */
package dev.strand.jmh.report;
