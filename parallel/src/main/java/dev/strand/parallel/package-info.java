/**
 * Strand parallel: fork-join data and task parallelism on a {@link java.util.concurrent.ForkJoinPool}
 * of your choice, and multi-stage pipelines over channels.
 *
 * <h2>Public types</h2>
 * <ul>
 *   <li>{@link dev.strand.parallel.Parallel}: the entry point for data parallelism, bound to a
 *       pool ({@code common()}, {@code on(pool)}) with a {@code grain}: {@code join} (two
 *       computations, possibly in parallel), map-reduce to a value over int ranges,
 *       {@code long[]}, {@code double[]} and lists (primitive paths never box), keyed map-reduce
 *       (word count) with per-task maps merged pairwise, and {@code forEach}. Immutable.</li>
 *   <li>{@link dev.strand.parallel.Pair}: the two results of {@code Parallel.join}.</li>
 *   <li>{@link dev.strand.parallel.ParallelSort}: parallel sorts of primitive arrays, ranges,
 *       and (stably) object arrays and lists.</li>
 *   <li>{@link dev.strand.parallel.ParallelMerge}: parallel merge of sorted runs.</li>
 *   <li>{@link dev.strand.parallel.Pipeline}: stages with N workers each (master-worker)
 *       connected by bounded channels, optional input order; built with
 *       {@link dev.strand.parallel.Pipeline.Builder} (mutates in place, {@code build()}
 *       snapshots); a stage's function is a {@link dev.strand.parallel.Pipeline.StageFunction}.</li>
 *   <li>{@link dev.strand.parallel.PipelineException}: how a pipeline reports the first
 *       failure of a stage or of the source, naming the stage.</li>
 * </ul>
 *
 * <h2>Internals (package-private)</h2>
 * <ul>
 *   <li>{@code Job}: a fork-join task that never completes abnormally; it keeps the user's
 *       exact exception and {@code Job.both} runs two tasks, rethrowing the first failure with
 *       the other suppressed.</li>
 *   <li>{@code RangeJob}: the one split/leaf/combine skeleton over an index range
 *       {@code [lo, hi)}, used by every map-reduce, keyed map-reduce and {@code forEach} job
 *       of {@code Parallel} but {@code LongFoldJob} (the int-range map-reduce to a
 *       {@code long}, kept on its own copy of the skeleton because JMH measured it 1.3x as
 *       fast that way); its private nested jobs supply only the leaf and the combine
 *       ({@code FoldJob} for every map-reduce to a value, whose leaf is the primitive loop of
 *       its kind; {@code ForEachJob}; the keyed jobs).</li>
 *   <li>sorts, behind {@code ParallelSort}: {@code IntSorts}, {@code LongSorts},
 *       {@code DoubleSorts} (the primitive radix and merge sorts, generated at build time from
 *       {@code src/template/PrimitiveSorts.java.template}), {@code ObjectSorts} (the comparator
 *       sort), {@code Radix} (the type-independent parts of the parallel LSD radix sorts), {@code KeySorts}
 *       ({@code sortByKey}: key:index longs, radix sorted, then one permutation),
 *       {@code Sorting} (cutoffs and grains shared by the sorts).</li>
 * </ul>
 */
package dev.strand.parallel;
