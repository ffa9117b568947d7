/**
 * Examples of the {@code parallel} module: map-reduce, merge sort, word count, fork-join,
 * a pipeline and a worker pool.
 */
package dev.strand.examples.parallel;
