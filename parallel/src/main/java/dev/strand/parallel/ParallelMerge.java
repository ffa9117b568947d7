package dev.strand.parallel;

import java.util.Comparator;
import java.util.Objects;

/**
 * Parallel merge of two sorted arrays into a third. The larger run is cut at its middle and
 * the cut value is binary-searched in the other run; the two halves are merged as independent
 * fork-join tasks, down to pieces of about a quarter of the input per thread (never fewer than
 * 8192 elements or the {@link Parallel#grain() grain}).
 *
 * <pre>{@code
 * int[] out = new int[left.length + right.length];
 * ParallelMerge.merge(left, right, out);
 * }</pre>
 *
 * <p>The runs must be sorted in the order the method uses ({@code Double.compare} order for
 * {@code double}, the comparator's for objects); otherwise the output is some permutation of
 * the input. The merge is stable: on ties elements of {@code left} come first, and each run's
 * equal elements keep their order. The result occupies {@code out[0, left.length +
 * right.length)}; the rest of {@code out} is untouched. If a comparator throws, {@code out}'s
 * first {@code left.length + right.length} slots hold exactly the input elements in some
 * order, and the exception propagates.
 *
 * <p>Thread-safety: the arrays must not be modified by other threads during the call; the
 * merge's writes happen-before it returns.
 */
public final class ParallelMerge {

    private static final Merger COMMON = new Merger(Parallel.common());

    private ParallelMerge() {
    }

    /**
     * Returns a merger whose merges run on {@code par}'s pool with its grain.
     *
     * @param par where the work runs; not null
     * @return a merger with the same methods as this class
     * @throws NullPointerException if {@code par} is null
     */
    public static Merger on(Parallel par) {
        return new Merger(Objects.requireNonNull(par, "par"));
    }

    /**
     * Merges sorted {@code left} and {@code right} into {@code out}, in parallel on the common
     * pool.
     *
     * @param left a sorted run; not null
     * @param right a sorted run; not null
     * @param out receives the merge from index 0; not null, not {@code left} or {@code right}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code out} is too short or is an input array
     */
    public static void merge(int[] left, int[] right, int[] out) {
        COMMON.merge(left, right, out);
    }

    /**
     * Merges sorted {@code left} and {@code right} into {@code out}, in parallel on the common
     * pool.
     *
     * @param left a sorted run; not null
     * @param right a sorted run; not null
     * @param out receives the merge from index 0; not null, not {@code left} or {@code right}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code out} is too short or is an input array
     */
    public static void merge(long[] left, long[] right, long[] out) {
        COMMON.merge(left, right, out);
    }

    /**
     * Merges {@code left} and {@code right}, sorted in {@link Double#compare} order, into
     * {@code out}, in parallel on the common pool.
     *
     * @param left a sorted run; not null
     * @param right a sorted run; not null
     * @param out receives the merge from index 0; not null, not {@code left} or {@code right}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code out} is too short or is an input array
     */
    public static void merge(double[] left, double[] right, double[] out) {
        COMMON.merge(left, right, out);
    }

    /**
     * Merges {@code left} and {@code right}, sorted by {@code comparator}, into {@code out},
     * stably, in parallel on the common pool.
     *
     * @param left a sorted run; not null
     * @param right a sorted run; not null
     * @param out receives the merge from index 0; not null, not {@code left} or {@code right}
     * @param comparator the order of both runs; not null
     * @param <T> the element type
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code out} is too short or is an input array
     * @throws RuntimeException what the comparator threw
     */
    public static <T> void merge(T[] left, T[] right, T[] out, Comparator<? super T> comparator) {
        COMMON.merge(left, right, out, comparator);
    }

    /**
     * The merges of {@link ParallelMerge}, bound to a {@link Parallel} (its pool and grain).
     * Immutable and thread-safe.
     */
    public static final class Merger {

        private final Parallel par;

        Merger(Parallel par) {
            this.par = par;
        }

        /**
         * Merges sorted {@code left} and {@code right} into {@code out}.
         *
         * @param left a sorted run; not null
         * @param right a sorted run; not null
         * @param out receives the merge from index 0; not null, not an input array
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code out} is too short or is an input array
         */
        public void merge(int[] left, int[] right, int[] out) {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            Objects.requireNonNull(out, "out");
            Sorting.checkMerge(left, left.length, right, right.length, out, out.length);
            IntSorts.merge(par, left, right, out);
        }

        /**
         * Merges sorted {@code left} and {@code right} into {@code out}.
         *
         * @param left a sorted run; not null
         * @param right a sorted run; not null
         * @param out receives the merge from index 0; not null, not an input array
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code out} is too short or is an input array
         */
        public void merge(long[] left, long[] right, long[] out) {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            Objects.requireNonNull(out, "out");
            Sorting.checkMerge(left, left.length, right, right.length, out, out.length);
            LongSorts.merge(par, left, right, out);
        }

        /**
         * Merges {@code left} and {@code right}, sorted in {@link Double#compare} order, into
         * {@code out}.
         *
         * @param left a sorted run; not null
         * @param right a sorted run; not null
         * @param out receives the merge from index 0; not null, not an input array
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code out} is too short or is an input array
         */
        public void merge(double[] left, double[] right, double[] out) {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            Objects.requireNonNull(out, "out");
            Sorting.checkMerge(left, left.length, right, right.length, out, out.length);
            DoubleSorts.merge(par, left, right, out);
        }

        /**
         * Merges {@code left} and {@code right}, sorted by {@code comparator}, into {@code out},
         * stably (ties: {@code left} first).
         *
         * @param left a sorted run; not null
         * @param right a sorted run; not null
         * @param out receives the merge from index 0; not null, not an input array
         * @param comparator the order of both runs; not null
         * @param <T> the element type
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code out} is too short or is an input array
         * @throws RuntimeException what the comparator threw; {@code out}'s merged slots then
         *     hold exactly the input elements in some order
         */
        public <T> void merge(T[] left, T[] right, T[] out, Comparator<? super T> comparator) {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(comparator, "comparator");
            Sorting.checkMerge(left, left.length, right, right.length, out, out.length);
            ObjectSorts.merge(par, left, right, out, ParallelSort.erase(comparator));
        }

        @Override
        public String toString() {
            return "ParallelMerge.Merger[" + par + "]";
        }
    }
}
