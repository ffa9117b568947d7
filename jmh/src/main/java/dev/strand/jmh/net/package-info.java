/**
 * Benchmarks of the {@code net} module beside hand-written Netty + Jackson baselines.
 */
package dev.strand.jmh.net;
