package dev.strand.parallel;

import java.util.Comparator;
import java.util.List;
import java.util.ListIterator;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * Parallel sorts of primitive arrays, object arrays and lists: LSD radix sort for large
 * primitive ranges and for {@code sortByKey}, merge sort (divide and conquer) otherwise.
 *
 * <pre>{@code
 * ParallelSort.sort(ints);                                   // common pool
 * ParallelSort.sort(people, Comparator.comparing(Person::age));   // stable
 * ParallelSort.on(Parallel.on(pool)).sort(doubles);          // a chosen pool
 * }</pre>
 *
 * <p>Primitive ranges of at least 8192 elements (16384 for {@code long}) are radix sorted
 * (LSD, stable): 8 bits per pass, each pass a parallel count per block (a few blocks per thread, each at least 16384 elements or the
 * {@link Parallel#grain() grain}) and a parallel scatter into one scratch buffer of the range's
 * length; a first parallel sweep skips the passes whose digit is the same in every element
 * (the top passes of small values) and returns after that sweep if the range is sorted.
 * Shorter ranges and object arrays are merge sorted: split in halves down to a sequential
 * cutoff (about two leaves per thread, never fewer than 8192 elements or the grain), leaves
 * sorted sequentially and merged back up with parallel merges (see {@link ParallelMerge}),
 * with one scratch buffer of the range's length. Small ranges are sorted sequentially
 * without parallel overhead.
 *
 * <ul>
 *   <li>Order: primitives ascending; {@code double} in {@link Double#compare} order, as
 *       {@link java.util.Arrays#sort(double[])} (-0.0 before 0.0, NaN last).</li>
 *   <li>Object sorts are stable: equal elements keep their relative order.</li>
 *   <li>Bad arguments throw what {@code Arrays.sort} throws: {@link NullPointerException}
 *       (naming the parameter), {@link IllegalArgumentException} if {@code from > to},
 *       {@link ArrayIndexOutOfBoundsException} if the range leaves the array.</li>
 *   <li>If the comparator throws, the exception propagates (after all running subtasks
 *       finish) and the array holds exactly its original elements, in some order: nothing is
 *       lost or duplicated (the JDK's sorts do not promise that). A list is left unchanged.</li>
 * </ul>
 *
 * <p>Thread-safety: the array must not be touched by other threads during the sort; the sort's
 * writes happen-before it returns.
 */
public final class ParallelSort {

    private static final Sorter COMMON = new Sorter(Parallel.common());

    private ParallelSort() {
    }

    /**
     * Returns a sorter whose sorts run on {@code par}'s pool with its grain.
     *
     * @param par where the work runs; not null
     * @return a sorter with the same methods as this class
     * @throws NullPointerException if {@code par} is null
     */
    public static Sorter on(Parallel par) {
        return new Sorter(Objects.requireNonNull(par, "par"));
    }

    /**
     * Sorts {@code a} ascending, in parallel on the common pool.
     *
     * @param a the array; not null
     * @throws NullPointerException if {@code a} is null
     */
    public static void sort(int[] a) {
        COMMON.sort(a);
    }

    /**
     * Sorts {@code a[from, to)} ascending, in parallel on the common pool.
     *
     * @param a the array; not null
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if {@code from > to}
     * @throws ArrayIndexOutOfBoundsException if {@code from < 0} or {@code to > a.length}
     */
    public static void sort(int[] a, int from, int to) {
        COMMON.sort(a, from, to);
    }

    /**
     * Sorts {@code a} ascending, in parallel on the common pool.
     *
     * @param a the array; not null
     * @throws NullPointerException if {@code a} is null
     */
    public static void sort(long[] a) {
        COMMON.sort(a);
    }

    /**
     * Sorts {@code a[from, to)} ascending, in parallel on the common pool.
     *
     * @param a the array; not null
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if {@code from > to}
     * @throws ArrayIndexOutOfBoundsException if {@code from < 0} or {@code to > a.length}
     */
    public static void sort(long[] a, int from, int to) {
        COMMON.sort(a, from, to);
    }

    /**
     * Sorts {@code a} in {@link Double#compare} order, in parallel on the common pool.
     *
     * @param a the array; not null
     * @throws NullPointerException if {@code a} is null
     */
    public static void sort(double[] a) {
        COMMON.sort(a);
    }

    /**
     * Sorts {@code a[from, to)} in {@link Double#compare} order, in parallel on the common pool.
     *
     * @param a the array; not null
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     * @throws NullPointerException if {@code a} is null
     * @throws IllegalArgumentException if {@code from > to}
     * @throws ArrayIndexOutOfBoundsException if {@code from < 0} or {@code to > a.length}
     */
    public static void sort(double[] a, int from, int to) {
        COMMON.sort(a, from, to);
    }

    /**
     * Sorts {@code a} by {@code comparator}, stably, in parallel on the common pool.
     *
     * @param a the array; not null
     * @param comparator the order; not null
     * @param <T> the element type
     * @throws NullPointerException if {@code a} or {@code comparator} is null
     * @throws RuntimeException what the comparator threw; {@code a} then holds exactly its
     *     original elements in some order
     */
    public static <T> void sort(T[] a, Comparator<? super T> comparator) {
        COMMON.sort(a, comparator);
    }

    /**
     * Sorts {@code a[from, to)} by {@code comparator}, stably, in parallel on the common pool.
     *
     * @param a the array; not null
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     * @param comparator the order; not null
     * @param <T> the element type
     * @throws NullPointerException if {@code a} or {@code comparator} is null
     * @throws IllegalArgumentException if {@code from > to}
     * @throws ArrayIndexOutOfBoundsException if {@code from < 0} or {@code to > a.length}
     * @throws RuntimeException what the comparator threw; the range then holds exactly its
     *     original elements in some order
     */
    public static <T> void sort(T[] a, int from, int to, Comparator<? super T> comparator) {
        COMMON.sort(a, from, to, comparator);
    }

    /**
     * Sorts {@code list} by {@code comparator}, stably, in parallel on the common pool: the
     * elements are copied to an array, sorted, and written back with {@code ListIterator.set}.
     *
     * @param list the list; not null; must support {@code set} (unless already sorted)
     * @param comparator the order; not null
     * @param <T> the element type
     * @throws NullPointerException if {@code list} or {@code comparator} is null
     * @throws UnsupportedOperationException if the list does not support {@code set}
     *     (for example {@code List.of(...)}); the message names the list's class, and the
     *     list is unchanged if it rejects every {@code set}
     * @throws RuntimeException what the comparator threw; the list is then unchanged
     */
    public static <T> void sort(List<T> list, Comparator<? super T> comparator) {
        COMMON.sort(list, comparator);
    }

    /**
     * Sorts {@code a} stably by an {@code int} key, in parallel on the common pool: the keys are
     * extracted once into one {@code long[]} packed with each element's index, that array is
     * sorted, and the elements are permuted once through one scratch array.
     *
     * <p>Prefer it to {@link #sort(Object[], Comparator)} when the order is that of one
     * {@code int} key: no comparator is called and the keys are sorted by a parallel radix sort, so it runs several times as fast
     * on large arrays, at the cost of 16 bytes per element plus one reference of temporary
     * memory (the comparator sort takes one reference). Keep the comparator sort for orders
     * that are not one primitive key, or when memory is tight.
     *
     * @param a the array; not null
     * @param key the key, called exactly once per element; not null
     * @param <T> the element type
     * @throws NullPointerException if {@code a} or {@code key} is null
     * @throws RuntimeException what {@code key} threw; {@code a} is then unchanged
     */
    public static <T> void sortByKey(T[] a, ToIntFunction<? super T> key) {
        COMMON.sortByKey(a, key);
    }

    /**
     * Sorts {@code a[from, to)} stably by an {@code int} key on the common pool; see
     * {@link #sortByKey(Object[], ToIntFunction)}.
     *
     * @param a the array; not null
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     * @param key the key, called exactly once per element of the range; not null
     * @param <T> the element type
     * @throws NullPointerException if {@code a} or {@code key} is null
     * @throws IllegalArgumentException if {@code from > to}
     * @throws ArrayIndexOutOfBoundsException if {@code from < 0} or {@code to > a.length}
     * @throws RuntimeException what {@code key} threw; {@code a} is then unchanged
     */
    public static <T> void sortByKey(T[] a, int from, int to, ToIntFunction<? super T> key) {
        COMMON.sortByKey(a, from, to, key);
    }

    /**
     * Sorts {@code list} stably by an {@code int} key on the common pool; see
     * {@link #sortByKey(Object[], ToIntFunction)}. The result is written back with
     * {@code ListIterator.set}.
     *
     * @param list the list; not null; must support {@code set}
     * @param key the key, called exactly once per element; not null
     * @param <T> the element type
     * @throws NullPointerException if {@code list} or {@code key} is null
     * @throws UnsupportedOperationException if the list does not support {@code set}
     * @throws RuntimeException what {@code key} threw; the list is then unchanged
     */
    public static <T> void sortByKey(List<T> list, ToIntFunction<? super T> key) {
        COMMON.sortByKey(list, key);
    }

    /**
     * Sorts {@code a} stably by a {@code long} key, in parallel on the common pool: as
     * {@link #sortByKey(Object[], ToIntFunction)}, with keys of any {@code long} value. (A
     * separate name rather than an overload, as {@code Comparator.comparingLong}: a lambda such
     * as {@code r -> r.id()} would otherwise match both.)
     *
     * <p>When the keys' range ({@code max - min}) leaves room for the index in one {@code long}
     * (below 2<sup>33</sup> for 2<sup>31</sup> elements, 2<sup>44</sup> for a million: ids,
     * timestamps, counters), it costs what the {@code int} key sort costs; otherwise it sorts
     * twice (by the low half, then stably by the high half) and needs 8 more bytes per element.
     *
     * @param a the array; not null
     * @param key the key, called exactly once per element; not null
     * @param <T> the element type
     * @throws NullPointerException if {@code a} or {@code key} is null
     * @throws RuntimeException what {@code key} threw; {@code a} is then unchanged
     */
    public static <T> void sortByLongKey(T[] a, ToLongFunction<? super T> key) {
        COMMON.sortByLongKey(a, key);
    }

    /**
     * Sorts {@code a[from, to)} stably by a {@code long} key on the common pool; see
     * {@link #sortByLongKey(Object[], ToLongFunction)}.
     *
     * @param a the array; not null
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     * @param key the key, called exactly once per element of the range; not null
     * @param <T> the element type
     * @throws NullPointerException if {@code a} or {@code key} is null
     * @throws IllegalArgumentException if {@code from > to}
     * @throws ArrayIndexOutOfBoundsException if {@code from < 0} or {@code to > a.length}
     * @throws RuntimeException what {@code key} threw; {@code a} is then unchanged
     */
    public static <T> void sortByLongKey(T[] a, int from, int to, ToLongFunction<? super T> key) {
        COMMON.sortByLongKey(a, from, to, key);
    }

    /**
     * Sorts {@code list} stably by a {@code long} key on the common pool; see
     * {@link #sortByLongKey(Object[], ToLongFunction)}. The result is written back with
     * {@code ListIterator.set}.
     *
     * @param list the list; not null; must support {@code set}
     * @param key the key, called exactly once per element; not null
     * @param <T> the element type
     * @throws NullPointerException if {@code list} or {@code key} is null
     * @throws UnsupportedOperationException if the list does not support {@code set}
     * @throws RuntimeException what {@code key} threw; the list is then unchanged
     */
    public static <T> void sortByLongKey(List<T> list, ToLongFunction<? super T> key) {
        COMMON.sortByLongKey(list, key);
    }

    /**
     * The sorts of {@link ParallelSort}, bound to a {@link Parallel} (its pool and grain).
     * Immutable and thread-safe.
     */
    public static final class Sorter {

        private final Parallel par;

        Sorter(Parallel par) {
            this.par = par;
        }

        /**
         * Sorts {@code a} ascending.
         *
         * @param a the array; not null
         * @throws NullPointerException if {@code a} is null
         */
        public void sort(int[] a) {
            Objects.requireNonNull(a, "a");
            IntSorts.sort(par, a, 0, a.length);
        }

        /**
         * Sorts {@code a[from, to)} ascending.
         *
         * @param a the array; not null
         * @param from the first index, inclusive
         * @param to the last index, exclusive
         * @throws NullPointerException if {@code a} is null
         * @throws IllegalArgumentException if {@code from > to}
         * @throws ArrayIndexOutOfBoundsException if {@code from < 0} or {@code to > a.length}
         */
        public void sort(int[] a, int from, int to) {
            Objects.requireNonNull(a, "a");
            Sorting.checkRange(a.length, from, to);
            IntSorts.sort(par, a, from, to);
        }

        /**
         * Sorts {@code a} ascending.
         *
         * @param a the array; not null
         * @throws NullPointerException if {@code a} is null
         */
        public void sort(long[] a) {
            Objects.requireNonNull(a, "a");
            LongSorts.sort(par, a, 0, a.length);
        }

        /**
         * Sorts {@code a[from, to)} ascending.
         *
         * @param a the array; not null
         * @param from the first index, inclusive
         * @param to the last index, exclusive
         * @throws NullPointerException if {@code a} is null
         * @throws IllegalArgumentException if {@code from > to}
         * @throws ArrayIndexOutOfBoundsException if {@code from < 0} or {@code to > a.length}
         */
        public void sort(long[] a, int from, int to) {
            Objects.requireNonNull(a, "a");
            Sorting.checkRange(a.length, from, to);
            LongSorts.sort(par, a, from, to);
        }

        /**
         * Sorts {@code a} in {@link Double#compare} order (-0.0 before 0.0, NaN last).
         *
         * @param a the array; not null
         * @throws NullPointerException if {@code a} is null
         */
        public void sort(double[] a) {
            Objects.requireNonNull(a, "a");
            DoubleSorts.sort(par, a, 0, a.length);
        }

        /**
         * Sorts {@code a[from, to)} in {@link Double#compare} order.
         *
         * @param a the array; not null
         * @param from the first index, inclusive
         * @param to the last index, exclusive
         * @throws NullPointerException if {@code a} is null
         * @throws IllegalArgumentException if {@code from > to}
         * @throws ArrayIndexOutOfBoundsException if {@code from < 0} or {@code to > a.length}
         */
        public void sort(double[] a, int from, int to) {
            Objects.requireNonNull(a, "a");
            Sorting.checkRange(a.length, from, to);
            DoubleSorts.sort(par, a, from, to);
        }

        /**
         * Sorts {@code a} by {@code comparator}, stably.
         *
         * @param a the array; not null
         * @param comparator the order; not null
         * @param <T> the element type
         * @throws NullPointerException if {@code a} or {@code comparator} is null
         * @throws RuntimeException what the comparator threw; {@code a} then holds exactly its
         *     original elements in some order
         */
        public <T> void sort(T[] a, Comparator<? super T> comparator) {
            Objects.requireNonNull(a, "a");
            sort(a, 0, a.length, comparator);
        }

        /**
         * Sorts {@code a[from, to)} by {@code comparator}, stably.
         *
         * @param a the array; not null
         * @param from the first index, inclusive
         * @param to the last index, exclusive
         * @param comparator the order; not null
         * @param <T> the element type
         * @throws NullPointerException if {@code a} or {@code comparator} is null
         * @throws IllegalArgumentException if {@code from > to}
         * @throws ArrayIndexOutOfBoundsException if {@code from < 0} or {@code to > a.length}
         * @throws RuntimeException what the comparator threw; the range then holds exactly its
         *     original elements in some order
         */
        public <T> void sort(T[] a, int from, int to, Comparator<? super T> comparator) {
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(comparator, "comparator");
            Sorting.checkRange(a.length, from, to);
            ObjectSorts.sort(par, a, from, to, erase(comparator));
        }

        /**
         * Sorts {@code list} by {@code comparator}, stably: copies it to an array, sorts that,
         * and writes the result back with {@code ListIterator.set}.
         *
         * @param list the list; not null
         * @param comparator the order; not null
         * @param <T> the element type
         * @throws NullPointerException if {@code list} or {@code comparator} is null
         * @throws UnsupportedOperationException if the list does not support {@code set}
         *     (for example {@code List.of(...)}); the message names the list's class, and the
         *     list is unchanged if it rejects every {@code set}
         * @throws RuntimeException what the comparator threw; the list is then unchanged
         */
        public <T> void sort(List<T> list, Comparator<? super T> comparator) {
            Objects.requireNonNull(list, "list");
            Objects.requireNonNull(comparator, "comparator");
            Object[] a = list.toArray();
            ObjectSorts.sort(par, a, 0, a.length, erase(comparator));
            writeBack(list, a);
        }

        /**
         * Sorts {@code a} stably by an {@code int} key; see
         * {@link ParallelSort#sortByKey(Object[], ToIntFunction)}.
         *
         * @param a the array; not null
         * @param key the key, called exactly once per element; not null
         * @param <T> the element type
         * @throws NullPointerException if {@code a} or {@code key} is null
         * @throws RuntimeException what {@code key} threw; {@code a} is then unchanged
         */
        public <T> void sortByKey(T[] a, ToIntFunction<? super T> key) {
            Objects.requireNonNull(a, "a");
            sortByKey(a, 0, a.length, key);
        }

        /**
         * Sorts {@code a[from, to)} stably by an {@code int} key; see
         * {@link ParallelSort#sortByKey(Object[], ToIntFunction)}.
         *
         * @param a the array; not null
         * @param from the first index, inclusive
         * @param to the last index, exclusive
         * @param key the key, called exactly once per element of the range; not null
         * @param <T> the element type
         * @throws NullPointerException if {@code a} or {@code key} is null
         * @throws IllegalArgumentException if {@code from > to}
         * @throws ArrayIndexOutOfBoundsException if {@code from < 0} or {@code to > a.length}
         * @throws RuntimeException what {@code key} threw; {@code a} is then unchanged
         */
        public <T> void sortByKey(T[] a, int from, int to, ToIntFunction<? super T> key) {
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(key, "key");
            Sorting.checkRange(a.length, from, to);
            KeySorts.sortByIntKey(par, a, from, to, key);
        }

        /**
         * Sorts {@code list} stably by an {@code int} key and writes it back with
         * {@code ListIterator.set}; see {@link ParallelSort#sortByKey(Object[], ToIntFunction)}.
         *
         * @param list the list; not null; must support {@code set}
         * @param key the key, called exactly once per element; not null
         * @param <T> the element type
         * @throws NullPointerException if {@code list} or {@code key} is null
         * @throws UnsupportedOperationException if the list does not support {@code set}
         * @throws RuntimeException what {@code key} threw; the list is then unchanged
         */
        public <T> void sortByKey(List<T> list, ToIntFunction<? super T> key) {
            Objects.requireNonNull(list, "list");
            Objects.requireNonNull(key, "key");
            sortCopy(list, a -> KeySorts.sortByIntKey(par, a, 0, a.length, key));
        }

        /**
         * Sorts {@code a} stably by a {@code long} key; see
         * {@link ParallelSort#sortByLongKey(Object[], ToLongFunction)}.
         *
         * @param a the array; not null
         * @param key the key, called exactly once per element; not null
         * @param <T> the element type
         * @throws NullPointerException if {@code a} or {@code key} is null
         * @throws RuntimeException what {@code key} threw; {@code a} is then unchanged
         */
        public <T> void sortByLongKey(T[] a, ToLongFunction<? super T> key) {
            Objects.requireNonNull(a, "a");
            sortByLongKey(a, 0, a.length, key);
        }

        /**
         * Sorts {@code a[from, to)} stably by a {@code long} key; see
         * {@link ParallelSort#sortByLongKey(Object[], ToLongFunction)}.
         *
         * @param a the array; not null
         * @param from the first index, inclusive
         * @param to the last index, exclusive
         * @param key the key, called exactly once per element of the range; not null
         * @param <T> the element type
         * @throws NullPointerException if {@code a} or {@code key} is null
         * @throws IllegalArgumentException if {@code from > to}
         * @throws ArrayIndexOutOfBoundsException if {@code from < 0} or {@code to > a.length}
         * @throws RuntimeException what {@code key} threw; {@code a} is then unchanged
         */
        public <T> void sortByLongKey(T[] a, int from, int to, ToLongFunction<? super T> key) {
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(key, "key");
            Sorting.checkRange(a.length, from, to);
            KeySorts.sortByLongKey(par, a, from, to, key);
        }

        /**
         * Sorts {@code list} stably by a {@code long} key and writes it back with
         * {@code ListIterator.set}; see
         * {@link ParallelSort#sortByLongKey(Object[], ToLongFunction)}.
         *
         * @param list the list; not null; must support {@code set}
         * @param key the key, called exactly once per element; not null
         * @param <T> the element type
         * @throws NullPointerException if {@code list} or {@code key} is null
         * @throws UnsupportedOperationException if the list does not support {@code set}
         * @throws RuntimeException what {@code key} threw; the list is then unchanged
         */
        public <T> void sortByLongKey(List<T> list, ToLongFunction<? super T> key) {
            Objects.requireNonNull(list, "list");
            Objects.requireNonNull(key, "key");
            sortCopy(list, a -> KeySorts.sortByLongKey(par, a, 0, a.length, key));
        }

        /** Sorts the list's elements in an array with {@code sort}, then writes them back. */
        private static <T> void sortCopy(List<T> list, Consumer<T[]> sort) {
            @SuppressWarnings("unchecked")
            T[] a = (T[]) list.toArray();   // an Object[] seen as T[] only inside the sort
            sort.accept(a);
            writeBack(list, a);
        }

        private static <T> void writeBack(List<T> list, Object[] a) {
            ListIterator<T> it = list.listIterator();
            for (Object e : a) {
                it.next();
                @SuppressWarnings("unchecked")
                T t = (T) e;   // every element came out of this list
                try {
                    it.set(t);
                } catch (UnsupportedOperationException ex) {
                    throw new UnsupportedOperationException("list does not support set (an "
                            + "unmodifiable list such as List.of?): "
                            + list.getClass().getName(), ex);
                }
            }
        }

        @Override
        public String toString() {
            return "ParallelSort.Sorter[" + par + "]";
        }
    }

    /** The sorts see elements as Object; each one came from a T[] or List<T>, so this is safe. */
    @SuppressWarnings("unchecked")
    static Comparator<Object> erase(Comparator<?> c) {
        return (Comparator<Object>) c;
    }
}
