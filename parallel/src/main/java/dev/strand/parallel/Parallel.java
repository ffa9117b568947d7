package dev.strand.parallel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import java.util.stream.Collector;

/**
 * Fork-join data and task parallelism on a chosen {@link ForkJoinPool}: {@link #join} (rayon's
 * {@code join}), map-reduce to a value over int ranges, primitive arrays and lists, keyed
 * map-reduce ({@link #mapReduceByKey}), and {@link #forEach}.
 *
 * <pre>{@code
 * Parallel par = Parallel.on(new ForkJoinPool(4)).grain(4096);
 * long sumOfSquares = par.mapReduce(0, 1_000_000, i -> (long) i * i, 0L, Long::sum);
 * Pair<String, Integer> both = par.join(() -> fetchName(), () -> countRows());
 * }</pre>
 *
 * <h2>Where work runs</h2>
 * {@link #on(ForkJoinPool)} runs every operation in that pool: from a thread outside it the
 * caller waits while the pool works; from one of its worker threads the work runs inline and its
 * subtasks stay in that pool. {@link #common()} is the common pool, except that work started
 * from inside any {@code ForkJoinPool} stays in that pool; from an ordinary thread the caller
 * takes part in the work (like a parallel stream).
 *
 * <h2>Granularity</h2>
 * Work is cut into about eight chunks per worker thread of the pool, and never into chunks
 * smaller than {@link #grain(int) grain} elements (default 1, or 8192 for sorts and merges).
 * Raise the grain when the per-element work is tiny; leave it low when elements are expensive
 * or uneven. Split points depend only on the input size, the grain and the pool's parallelism,
 * so a floating-point reduction gives the same result every run on the same pool.
 *
 * <h2>Failures</h2>
 * If user code throws, the operation throws that same exception (not a wrapper) once every
 * subtask it started has finished; further failures are attached as suppressed exceptions. No
 * work of a call is still running when the call returns or throws.
 *
 * <p>Thread-safety: immutable; use one instance from any number of threads. Memory consistency
 * effects: actions of the calling thread before an operation happen-before the user functions
 * it runs, and those happen-before the operation returns or throws.
 */
public final class Parallel {

    /** Chunks per worker thread: enough to rebalance when a thread is slowed, few enough to be cheap. */
    static final int CHUNKS_PER_THREAD = 8;

    private static final Parallel COMMON = new Parallel(null, 0);

    private final ForkJoinPool pool;   // null: the common pool, or the current worker's pool
    private final int grain;           // 0: automatic

    private Parallel(ForkJoinPool pool, int grain) {
        this.pool = pool;
        this.grain = grain;
    }

    /**
     * Returns a {@code Parallel} on {@link ForkJoinPool#commonPool()}; work started from inside
     * any fork-join pool stays in that pool.
     *
     * @return the shared instance, with automatic grain
     */
    public static Parallel common() {
        return COMMON;
    }

    /**
     * Returns a {@code Parallel} that runs its work in {@code pool}. The pool is not shut down by
     * this library.
     *
     * @param pool the pool to run in; not null
     * @return a new instance, with automatic grain
     * @throws NullPointerException if {@code pool} is null
     */
    public static Parallel on(ForkJoinPool pool) {
        return new Parallel(Objects.requireNonNull(pool, "pool"), 0);
    }

    /**
     * Returns a new {@code Parallel}, on the same pool, whose tasks never get fewer than
     * {@code grain} elements (the last chunk of an input may be smaller only when the input
     * is). This instance is immutable and unchanged: {@code par.grain(64);} on its own does
     * nothing; use the returned instance ({@code par = par.grain(64);}).
     *
     * @param grain the smallest chunk, at least 1
     * @return a new instance on the same pool; this one is not modified
     * @throws IllegalArgumentException if {@code grain < 1}
     */
    public Parallel grain(int grain) {
        if (grain < 1) {
            throw new IllegalArgumentException("grain must be at least 1: " + grain);
        }
        return new Parallel(pool, grain);
    }

    /**
     * Returns the configured grain.
     *
     * @return the smallest chunk, or 0 if automatic
     */
    public int grain() {
        return grain;
    }

    /**
     * Returns the pool this instance's work runs in when called from outside any pool.
     *
     * @return the pool given to {@link #on}, or the common pool
     */
    public ForkJoinPool pool() {
        return pool != null ? pool : ForkJoinPool.commonPool();
    }

    // ------------------------------------------------------------------ join

    /**
     * Runs both suppliers, possibly in parallel, and returns both results. The calling thread
     * runs {@code first} while {@code second} is offered to the pool for stealing; if nobody has
     * taken it when {@code first} is done, the caller runs it too. Both always run to the end,
     * even if the other fails.
     *
     * @param first the first computation; not null
     * @param second the second computation; not null
     * @param <A> the first result's type
     * @param <B> the second result's type
     * @return both results
     * @throws NullPointerException if a supplier is null
     * @throws RuntimeException what {@code first} threw (with what {@code second} threw
     *     suppressed on it), else what {@code second} threw; after both have finished
     */
    public <A, B> Pair<A, B> join(Supplier<? extends A> first, Supplier<? extends B> second) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        SupplierJob<A> left = new SupplierJob<>(first);
        SupplierJob<B> right = new SupplierJob<>(second);
        if (inMyPool()) {
            Job.both(left, right);
        } else {
            pool().execute(right);         // offered to the pool; the caller takes the other side
            Throwable firstFailure = null;
            try {
                left.run();
            } catch (Throwable t) {
                firstFailure = t;
            }
            right.join();                  // never throws: Job.compute catches everything
            Job.rethrow(Job.combine(firstFailure, right.failure));
        }
        return new Pair<>(left.value, right.value);
    }

    private static final class SupplierJob<T> extends Job {
        private static final long serialVersionUID = 1L;
        private final transient Supplier<? extends T> supplier;
        transient T value;

        SupplierJob(Supplier<? extends T> supplier) {
            this.supplier = supplier;
        }

        @Override
        void run() {
            value = supplier.get();
        }
    }

    // ------------------------------------------------------------------ map-reduce, int range

    /**
     * Maps every {@code i} in {@code [from, to)} to a {@code long} and reduces the values with
     * {@code reducer}, in parallel, without boxing.
     *
     * <pre>{@code long sumOfSquares = par.mapReduce(0, n, i -> (long) i * i, 0L, Long::sum);}</pre>
     *
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     * @param mapper maps an index to a value; not null
     * @param identity the reducer's identity (each chunk starts from it)
     * @param reducer an associative operator; the result is as if applied in index order
     * @return the reduction, or {@code identity} if the range is empty
     * @throws NullPointerException if {@code mapper} or {@code reducer} is null
     * @throws IllegalArgumentException if {@code from > to}
     */
    public long mapReduce(int from, int to, IntToLongFunction mapper, long identity,
            LongBinaryOperator reducer) {
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(reducer, "reducer");
        checkRange(from, to);
        LongFoldJob job = new LongFoldJob(from, to, threshold((long) to - from), mapper, identity, reducer);
        invoke(job);
        return job.result;
    }

    /**
     * Maps every {@code i} in {@code [from, to)} to a value and reduces the values with
     * {@code reducer}, in parallel. The result is the same as a sequential left fold in index
     * order for any associative reducer, commutative or not.
     *
     * <pre>{@code String digits = par.mapReduce(0, 10, Integer::toString, "", String::concat); // "0123456789"}</pre>
     *
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     * @param mapper maps an index to a value; not null
     * @param identity the reducer's identity (each chunk starts from it)
     * @param reducer an associative operator; not null
     * @param <R> the result type
     * @return the reduction, or {@code identity} if the range is empty
     * @throws NullPointerException if {@code mapper} or {@code reducer} is null
     * @throws IllegalArgumentException if {@code from > to}
     */
    public <R> R mapReduce(int from, int to, IntFunction<? extends R> mapper, R identity,
            BinaryOperator<R> reducer) {
        return fold(from, to, mapper, reducer, (lo, hi) -> {
            R acc = identity;
            for (int i = lo; i < hi; i++) {
                acc = reducer.apply(acc, mapper.apply(i));
            }
            return acc;
        }, reducer);
    }

    // ------------------------------------------------------------------ map-reduce, arrays

    /**
     * Maps every element of {@code values} and reduces the results, in parallel, without
     * boxing.
     *
     * <pre>{@code long sumOfSquares = par.mapReduce(longs, x -> x * x, 0L, Long::sum);}</pre>
     *
     * @param values the input; not null; not modified
     * @param mapper maps an element; not null
     * @param identity the reducer's identity
     * @param reducer an associative operator; the result is as if applied in index order
     * @return the reduction, or {@code identity} if {@code values} is empty
     * @throws NullPointerException if an argument is null
     */
    public long mapReduce(long[] values, LongUnaryOperator mapper, long identity,
            LongBinaryOperator reducer) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(reducer, "reducer");
        return mapReduce(0, values.length, i -> mapper.applyAsLong(values[i]), identity, reducer);
    }

    /**
     * Maps every element of {@code values} and reduces the results, in parallel, without
     * boxing. Split points are fixed by the length, grain and parallelism, so the (rounding of
     * the) result is the same on every run on the same pool.
     *
     * <pre>{@code double total = par.mapReduce(doubles, Math::sqrt, 0.0, Double::sum);}</pre>
     *
     * @param values the input; not null; not modified
     * @param mapper maps an element; not null
     * @param identity the reducer's identity
     * @param reducer an associative operator; the result is as if applied in index order
     * @return the reduction, or {@code identity} if {@code values} is empty
     * @throws NullPointerException if an argument is null
     */
    public double mapReduce(double[] values, DoubleUnaryOperator mapper, double identity,
            DoubleBinaryOperator reducer) {
        Objects.requireNonNull(values, "values");
        return fold(0, values.length, mapper, reducer, (lo, hi) -> {
            double acc = identity;
            for (int i = lo; i < hi; i++) {
                acc = reducer.applyAsDouble(acc, mapper.applyAsDouble(values[i]));
            }
            return acc;
        }, (a, b) -> reducer.applyAsDouble(a, b));
    }

    // ------------------------------------------------------------------ map-reduce, lists

    /**
     * Maps every element of {@code items} and reduces the results, in parallel. The result is
     * the same as a sequential left fold in list order for any associative reducer. The list
     * should support fast random access ({@link java.util.RandomAccess}); it must not change
     * during the call.
     *
     * <pre>{@code int totalLength = par.mapReduce(words, String::length, 0, Integer::sum);}</pre>
     *
     * @param items the input; not null
     * @param mapper maps an element; not null
     * @param identity the reducer's identity
     * @param reducer an associative operator; not null
     * @param <T> the element type
     * @param <R> the result type
     * @return the reduction, or {@code identity} if {@code items} is empty
     * @throws NullPointerException if {@code items}, {@code mapper} or {@code reducer} is null
     */
    public <T, R> R mapReduce(List<T> items, Function<? super T, ? extends R> mapper, R identity,
            BinaryOperator<R> reducer) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(reducer, "reducer");
        return mapReduce(0, items.size(), i -> mapper.apply(items.get(i)), identity, reducer);
    }

    /**
     * Runs {@code action} for every {@code i} in {@code [from, to)}, in parallel, in no
     * particular order.
     *
     * <pre>{@code par.forEach(0, n, i -> out[i] = f(in[i]));}</pre>
     *
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     * @param action what to do with each index; not null
     * @throws NullPointerException if {@code action} is null
     * @throws IllegalArgumentException if {@code from > to}
     */
    public void forEach(int from, int to, IntConsumer action) {
        Objects.requireNonNull(action, "action");
        checkRange(from, to);
        invoke(new ForEachJob(from, to, threshold((long) to - from), action));
    }

    /**
     * Runs {@code action} for every element of {@code items}, in parallel, in no particular
     * order.
     *
     * @param items the input; not null; should support fast random access
     * @param action what to do with each element; not null
     * @param <T> the element type
     * @throws NullPointerException if an argument is null
     */
    public <T> void forEach(List<T> items, Consumer<? super T> action) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(action, "action");
        forEach(0, items.size(), i -> action.accept(items.get(i)));
    }

    private static final class ForEachJob extends RangeJob<ForEachJob> {
        private static final long serialVersionUID = 1L;
        private final transient IntConsumer action;

        ForEachJob(int lo, int hi, int threshold, IntConsumer action) {
            super(lo, hi, threshold);
            this.action = action;
        }

        @Override
        ForEachJob half(int lo, int hi) {
            return new ForEachJob(lo, hi, threshold, action);
        }

        @Override
        void leaf() {
            for (int i = lo; i < hi; i++) {
                action.accept(i);
            }
        }
    }

    // ------------------------------------------------------------------ keyed map-reduce

    /**
     * Keyed map-reduce (word count): {@code mapper} emits any number of key-value pairs per
     * item; values of the same key are combined with {@code combiner}. Each task folds its items
     * into its own {@link HashMap} (the combiner runs map-side), and the maps are merged
     * pairwise up the fork-join tree (the smaller into the larger), so there is no shared map
     * and no lock. Per key, values are combined as if in list order, so an associative,
     * non-commutative combiner is fine.
     *
     * <p>Nulls: neither keys nor values may be null, in this and the {@link Collector} overload
     * (as in {@link java.util.stream.Collectors#groupingBy} and {@code toMap}); the emitter
     * throws {@code NullPointerException} naming {@code "key"} or {@code "value"} at the
     * offending {@code accept} call, and the operation rethrows it.
     *
     * <pre>{@code
     * Map<String, Long> counts = par.mapReduceByKey(lines,
     *         (line, emit) -> { for (String w : line.split(" ")) emit.accept(w, 1L); },
     *         Long::sum);
     * }</pre>
     *
     * @param items the input; not null; should support fast random access
     * @param mapper emits pairs for an item through its second argument (which is valid only
     *     during that call); not null
     * @param combiner an associative operator combining two values of one key; not null
     * @param <T> the element type
     * @param <K> the key type; keys need consistent {@code equals}/{@code hashCode}
     * @param <V> the value type
     * @return a new mutable {@code HashMap} owned by the caller
     * @throws NullPointerException if an argument is null, or if {@code mapper} emits a null
     *     key (message {@code "key"}) or a null value (message {@code "value"})
     */
    public <T, K, V> Map<K, V> mapReduceByKey(List<T> items,
            BiConsumer<? super T, ? super BiConsumer<K, V>> mapper, BinaryOperator<V> combiner) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(combiner, "combiner");
        KeyedReduceJob<T, K, V> job = new KeyedReduceJob<>(items, 0, items.size(), threshold(items.size()),
                mapper, combiner);
        invoke(job);
        return job.result;
    }

    /**
     * A keyed job: each leaf folds its items into its own map through {@link #accept}; the two
     * halves' maps are merged pairwise, the smaller into the larger, with the left value always
     * first. {@code A} is what a key maps to in the task maps: the value itself
     * ({@link #mapReduceByKey(List, BiConsumer, BinaryOperator)}) or a collector's container.
     *
     * @param <T> the item type
     * @param <K> the key type
     * @param <V> the emitted value type
     * @param <A> what a key maps to in the task maps
     * @param <J> the concrete job type
     */
    private abstract static class KeyedJob<T, K, V, A, J extends KeyedJob<T, K, V, A, J>>
            extends RangeJob<J> implements BiConsumer<K, V> {
        private static final long serialVersionUID = 1L;
        final transient List<T> items;
        final transient BiConsumer<? super T, ? super BiConsumer<K, V>> mapper;
        final transient BinaryOperator<A> merger;
        transient HashMap<K, A> result;

        KeyedJob(List<T> items, int lo, int hi, int threshold,
                BiConsumer<? super T, ? super BiConsumer<K, V>> mapper, BinaryOperator<A> merger) {
            super(lo, hi, threshold);
            this.items = items;
            this.mapper = mapper;
            this.merger = merger;
        }

        /** The leaf's emitter: folds one pair into this task's own map (map-side combine). */
        @Override
        public final void accept(K key, V value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            fold(key, value);
        }

        /** Folds a checked, non-null pair into {@link #result}. */
        abstract void fold(K key, V value);

        @Override
        final void leaf() {
            result = new HashMap<>();
            for (int i = lo; i < hi; i++) {
                mapper.accept(items.get(i), this);
            }
        }

        @Override
        final void combine(J left, J right) {
            HashMap<K, A> l = left.result;
            HashMap<K, A> r = right.result;
            BinaryOperator<A> c = merger;
            if (l.size() >= r.size()) {
                for (Map.Entry<K, A> e : r.entrySet()) {
                    l.merge(e.getKey(), e.getValue(), c);                      // left value first
                }
                result = l;
            } else {
                for (Map.Entry<K, A> e : l.entrySet()) {
                    r.merge(e.getKey(), e.getValue(), (ra, la) -> c.apply(la, ra)); // keep order
                }
                result = r;
            }
        }
    }

    private static final class KeyedReduceJob<T, K, V>
            extends KeyedJob<T, K, V, V, KeyedReduceJob<T, K, V>> {
        private static final long serialVersionUID = 1L;

        KeyedReduceJob(List<T> items, int lo, int hi, int threshold,
                BiConsumer<? super T, ? super BiConsumer<K, V>> mapper, BinaryOperator<V> combiner) {
            super(items, lo, hi, threshold, mapper, combiner);
        }

        @Override
        KeyedReduceJob<T, K, V> half(int lo, int hi) {
            return new KeyedReduceJob<>(items, lo, hi, threshold, mapper, merger);
        }

        @Override
        void fold(K key, V value) {
            result.merge(key, value, merger);
        }
    }

    /**
     * Keyed map-reduce with a {@link Collector} per key: like
     * {@link #mapReduceByKey(List, BiConsumer, BinaryOperator)}, but each task folds the values
     * of a key into a mutable container ({@code collector.supplier()} /
     * {@code accumulator()}), containers are merged pairwise with {@code collector.combiner()},
     * and {@code finisher()} runs once per key at the end. With a primitive-accumulating
     * collector such as {@link java.util.stream.Collectors#counting()} or
     * {@code summingLong} nothing is allocated per value. Per key, values are accumulated as if
     * in list order.
     *
     * <pre>{@code
     * Map<String, Long> counts = par.mapReduceByKey(lines,
     *         (line, emit) -> { for (String w : line.split(" ")) emit.accept(w, 1L); },
     *         Collectors.counting());
     * }</pre>
     *
     * @param items the input; not null; should support fast random access
     * @param mapper emits pairs for an item through its second argument (valid only during that
     *     call); not null
     * @param collector how the values of one key are reduced; not null
     * @param <T> the element type
     * @param <K> the key type
     * @param <V> the emitted value type
     * @param <A> the collector's mutable container type
     * @param <R> the per-key result type
     * @return a new mutable {@code HashMap} owned by the caller
     * @throws NullPointerException if an argument is null, or if {@code mapper} emits a null
     *     key (message {@code "key"}) or a null value (message {@code "value"})
     */
    public <T, K, V, A, R> Map<K, R> mapReduceByKey(List<T> items,
            BiConsumer<? super T, ? super BiConsumer<K, V>> mapper, Collector<? super V, A, R> collector) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(collector, "collector");
        KeyedCollectJob<T, K, V, A> job = new KeyedCollectJob<>(items, 0, items.size(),
                threshold(items.size()), mapper, collector.supplier(), collector.accumulator(),
                collector.combiner());
        invoke(job);
        if (collector.characteristics().contains(Collector.Characteristics.IDENTITY_FINISH)) {
            @SuppressWarnings("unchecked")
            Map<K, R> same = (Map<K, R>) job.result;   // IDENTITY_FINISH: A is R
            return same;
        }
        Function<A, R> finisher = collector.finisher();
        HashMap<K, R> out = new HashMap<>(Math.max(16, (int) (job.result.size() / 0.75f) + 1));
        for (Map.Entry<K, A> e : job.result.entrySet()) {
            out.put(e.getKey(), finisher.apply(e.getValue()));
        }
        return out;
    }

    private static final class KeyedCollectJob<T, K, V, A>
            extends KeyedJob<T, K, V, A, KeyedCollectJob<T, K, V, A>> {
        private static final long serialVersionUID = 1L;
        private final transient Supplier<A> supplier;
        private final transient BiConsumer<A, ? super V> accumulator;

        KeyedCollectJob(List<T> items, int lo, int hi, int threshold,
                BiConsumer<? super T, ? super BiConsumer<K, V>> mapper, Supplier<A> supplier,
                BiConsumer<A, ? super V> accumulator, BinaryOperator<A> combiner) {
            super(items, lo, hi, threshold, mapper, combiner);
            this.supplier = supplier;
            this.accumulator = accumulator;
        }

        @Override
        KeyedCollectJob<T, K, V, A> half(int lo, int hi) {
            return new KeyedCollectJob<>(items, lo, hi, threshold, mapper, supplier, accumulator, merger);
        }

        /** Accumulates in place in this task's own map. */
        @Override
        void fold(K key, V value) {
            A acc = result.get(key);
            if (acc == null) {
                acc = supplier.get();
                result.put(key, acc);
            }
            accumulator.accept(acc, value);
        }
    }

    // ------------------------------------------------------------------ the map-reduce job

    /** The sequential part of a map-reduce: folds {@code [lo, hi)} in index order. */
    @FunctionalInterface
    private interface LeafFold<R> {
        R fold(int lo, int hi);
    }

    /**
     * Checks a map-reduce's arguments, then runs it over {@code [from, to)}: leaves fold, halves
     * combine left first. {@code leaf} and {@code combiner} may capture the unchecked
     * {@code mapper} and {@code reducer}: they run only after these checks.
     */
    private <R> R fold(int from, int to, Object mapper, Object reducer, LeafFold<R> leaf,
            BinaryOperator<R> combiner) {
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(reducer, "reducer");
        checkRange(from, to);
        FoldJob<R> job = new FoldJob<>(from, to, threshold((long) to - from), leaf, combiner);
        invoke(job);
        return job.result;
    }

    /**
     * The generic map-reduce job: every map-reduce to a value (int range, arrays, lists), but
     * the one to a {@code long} ({@link LongFoldJob}), is a {@link LeafFold} with the loop of
     * its kind, plus the reducer for combining; a leaf boxes its result once.
     *
     * @param <R> the result type of a chunk
     */
    private static final class FoldJob<R> extends RangeJob<FoldJob<R>> {
        private static final long serialVersionUID = 1L;
        private final transient LeafFold<R> leaf;
        private final transient BinaryOperator<R> combiner;
        transient R result;

        FoldJob(int lo, int hi, int threshold, LeafFold<R> leaf, BinaryOperator<R> combiner) {
            super(lo, hi, threshold);
            this.leaf = leaf;
            this.combiner = combiner;
        }

        @Override
        FoldJob<R> half(int lo, int hi) {
            return new FoldJob<>(lo, hi, threshold, leaf, combiner);
        }

        @Override
        void leaf() {
            result = leaf.fold(lo, hi);
        }

        @Override
        void combine(FoldJob<R> left, FoldJob<R> right) {
            result = combiner.apply(left.result, right.result);
        }
    }

    /**
     * The map-reduce to a {@code long}, the hottest map-reduce shape: its own split / leaf /
     * combine, with the loop in {@link #run()} and an unboxed result. It is the one job that does
     * not extend {@link RangeJob}, for speed alone: JMH ({@code SumOfSquaresBenchmark
     * .strandMapReduce}, sum of squares of 100 M indices on 2 cores, 2 forks each, run one after
     * the other on a quiet machine) measured this shape at 16 ms against 20-23 ms for the same
     * job on {@link RangeJob} (the loop in {@code leaf()}, or in a static helper) and 20 ms
     * through the generic {@link FoldJob}; the job before the shared base existed ran 15-16 ms.
     * Keep its split rule the same as {@link RangeJob#run()}'s.
     */
    private static final class LongFoldJob extends Job {
        private static final long serialVersionUID = 1L;
        private final int lo;
        private final int hi;
        private final int threshold;
        private final transient IntToLongFunction mapper;
        private final long identity;
        private final transient LongBinaryOperator reducer;
        long result;

        LongFoldJob(int lo, int hi, int threshold, IntToLongFunction mapper, long identity,
                LongBinaryOperator reducer) {
            this.lo = lo;
            this.hi = hi;
            this.threshold = threshold;
            this.mapper = mapper;
            this.identity = identity;
            this.reducer = reducer;
        }

        @Override
        void run() {
            long length = (long) hi - lo;   // an int range [-2^31, 2^31) spans more than 2^31 indices
            if (length <= threshold) {
                long acc = identity;
                for (int i = lo; i < hi; i++) {
                    acc = reducer.applyAsLong(acc, mapper.applyAsLong(i));
                }
                result = acc;
                return;
            }
            int mid = lo + (int) (length >>> 1);
            LongFoldJob left = new LongFoldJob(lo, mid, threshold, mapper, identity, reducer);
            LongFoldJob right = new LongFoldJob(mid, hi, threshold, mapper, identity, reducer);
            both(left, right);
            result = reducer.applyAsLong(left.result, right.result);
        }
    }

    // ------------------------------------------------------------------ running

    /** True if the current thread is a worker of the pool this instance's work belongs in. */
    boolean inMyPool() {
        Thread t = Thread.currentThread();
        return t instanceof ForkJoinWorkerThread
                && (pool == null || ((ForkJoinWorkerThread) t).getPool() == pool);
    }

    /** Runs {@code job} where this instance's work belongs, then rethrows its failure. */
    void invoke(Job job) {
        if (inMyPool() || pool == null) {
            job.invoke();      // here; its forks go to the current worker's pool, or the common pool
        } else {
            pool.invoke(job);  // from outside: the pool runs it, the caller waits
        }
        Job.rethrow(job.failure);   // invoke() returned: the job's writes happen-before this read
    }

    /** The number of threads the work will be spread over. */
    int parallelism() {
        Thread t = Thread.currentThread();
        if (t instanceof ForkJoinWorkerThread && (pool == null || ((ForkJoinWorkerThread) t).getPool() == pool)) {
            return Math.max(1, ((ForkJoinWorkerThread) t).getPool().getParallelism());
        }
        if (pool == null) {
            return ForkJoinPool.getCommonPoolParallelism() + 1;   // the caller takes part
        }
        return Math.max(1, pool.getParallelism());
    }

    /** The largest chunk a map-reduce leaf handles sequentially, for {@code n} elements. */
    int threshold(long n) {
        return threshold(n, 1, CHUNKS_PER_THREAD);
    }

    /** Leaf size: about {@code chunksPerThread} chunks per thread, never below the grain. */
    int threshold(long n, int defaultGrain, int chunksPerThread) {
        long chunks = (long) parallelism() * chunksPerThread;
        long size = (n + chunks - 1) / chunks;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(grain == 0 ? defaultGrain : grain, size));
    }

    private static void checkRange(int from, int to) {
        if (from > to) {
            throw new IllegalArgumentException("from (" + from + ") > to (" + to + ")");
        }
    }

    @Override
    public String toString() {
        return "Parallel[pool=" + (pool == null ? "common" : pool) + ", grain="
                + (grain == 0 ? "auto" : grain) + "]";
    }
}
