/**
 * Benchmarks of the {@code parallel} module against the JDK's parallel sorts and streams.
 *
 * <p>Pools: Strand runs on its own {@code ForkJoinPool} with one worker per core
 * ({@code Parallel.on(new ForkJoinPool(availableProcessors))}): choosing the pool is the point
 * of the module. The JDK peers use the common pool as users get it. On a 2-core machine that
 * pool has parallelism 1: parallel streams still get 2 threads (the caller takes part), but
 * {@code Arrays.parallelSort} then sorts sequentially. To be fair to it, run the sort
 * benchmarks a second time with {@code -jvmArgsAppend
 * -Djava.util.concurrent.ForkJoinPool.common.parallelism=2} (see jmh/README.md).
 */
package dev.strand.jmh.parallel;
