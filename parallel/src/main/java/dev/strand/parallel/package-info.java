/**
 * Strand parallel: fork-join data and task parallelism on a {@link java.util.concurrent.ForkJoinPool}
 * of your choice.
 *
 * <ul>
 *   <li>{@link dev.strand.parallel.Parallel}: {@code join} (rayon's), map-reduce to a value over
 *       int ranges, {@code long[]}, {@code double[]} and lists (primitive paths never box),
 *       keyed map-reduce (word count) with per-task maps merged pairwise, {@code forEach};
 *       bound to a pool ({@code common()}, {@code on(pool)}) with a {@code grain}.</li>
 *   <li>{@link dev.strand.parallel.ParallelSort}: parallel merge sort of primitive arrays,
 *       ranges, and (stably) object arrays and lists; a throwing comparator loses nothing.</li>
 *   <li>{@link dev.strand.parallel.ParallelMerge}: parallel merge of sorted runs.</li>
 *   <li>{@link dev.strand.parallel.Pipeline}: stages with N workers each (master-worker)
 *       connected by bounded channels, optional input order, failure surfaced as
 *       {@link dev.strand.parallel.PipelineException}.</li>
 * </ul>
 */
package dev.strand.parallel;
