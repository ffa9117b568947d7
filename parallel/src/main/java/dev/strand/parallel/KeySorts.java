package dev.strand.parallel;

import java.util.Arrays;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/*
 * Stable sorts of objects by a primitive key, behind ParallelSort.sortByKey / sortByLongKey.
 *
 * Overview. The key function is called once per element, in parallel, into a long[] (nothing
 * of the input is written until every key is in: a throwing key leaves it unchanged). Each long
 * holds a key and the element's index below it; sorting those longs by the key bits alone
 * with the stable radix sort (LongSorts.radixSort, lowBit = the index width) leaves equal keys
 * in index order, so the object sort is stable. The low bits of the sorted longs are then the
 * permutation, applied once through one Object[] scratch array.
 *
 *  - int key: (key << 32) | index. The signed order of the long is the key's, then the index's.
 *  - long key whose range max - min fits above the index (range < 2^(64 - indexBits), the
 *    common case: timestamps, ids, anything not spread over the whole long range): the same,
 *    with (key - min) << indexBits | index, its top bit flipped so that the signed order of the
 *    long is the unsigned order of key - min.
 *  - any other long key: two stable rounds (LSD on 32-bit halves). Round one sorts
 *    (low half of the key, as unsigned) : index; round two sorts (high half, signed) : position
 *    after round one. Ties in the high half keep round one's order, which is the low half's, then
 *    the index's: the signed order of the whole key, stably. Costs 8 more bytes per element
 *    (the high halves and round one's permutation, as int[]) and a second sort.
 *
 * Memory (per element, besides the input): int key and compressed long key, 8 (key:index) + 8
 * (the radix sort's scratch) + one reference; the two-round case 8 more.
 */
final class KeySorts {

    private KeySorts() {
    }

    static <T> void sortByIntKey(Parallel par, T[] a, int from, int to, ToIntFunction<? super T> key) {
        int n = to - from;
        if (n < 2) {
            if (n == 1) {
                key.applyAsInt(a[from]);   // called once per element, even here
            }
            return;
        }
        long[] packed = new long[n];
        par.forEach(0, n, i -> packed[i] = ((long) key.applyAsInt(a[from + i]) << 32) | i);
        permute(par, a, from, sortPacked(par, packed, Integer.SIZE), 0xFFFF_FFFFL, null);
    }

    static <T> void sortByLongKey(Parallel par, T[] a, int from, int to, ToLongFunction<? super T> key) {
        int n = to - from;
        if (n < 2) {
            if (n == 1) {
                key.applyAsLong(a[from]);
            }
            return;
        }
        long[] k = new long[n];
        par.forEach(0, n, i -> k[i] = key.applyAsLong(a[from + i]));
        long min = par.mapReduce(k, x -> x, Long.MAX_VALUE, Math::min);
        long max = par.mapReduce(k, x -> x, Long.MIN_VALUE, Math::max);
        int indexBits = Integer.SIZE - Integer.numberOfLeadingZeros(n - 1);   // 1..31
        long range = max - min;                                               // read as unsigned
        if (range >>> (Long.SIZE - indexBits) == 0) {
            par.forEach(0, n, i -> k[i] = (((k[i] - min) << indexBits) | i) ^ Long.MIN_VALUE);
            permute(par, a, from, sortPacked(par, k, indexBits), (1L << indexBits) - 1, null);
            return;
        }
        int[] high = new int[n];
        par.forEach(0, n, i -> {
            long v = k[i];
            high[i] = (int) (v >>> 32);
            k[i] = ((long) ((int) v ^ Integer.MIN_VALUE) << 32) | i;   // low half as unsigned
        });
        long[] byLow = sortPacked(par, k, Integer.SIZE);
        int[] first = new int[n];                                     // round one's permutation
        par.forEach(0, n, j -> {
            int p = (int) byLow[j];
            first[j] = p;
            byLow[j] = ((long) high[p] << 32) | j;
        });
        permute(par, a, from, sortPacked(par, byLow, Integer.SIZE), 0xFFFF_FFFFL, first);
    }

    /**
     * Sorts distinct key:index longs, whose index bits are below {@code lowBit}, ascending;
     * returns {@code packed} or the radix sort's scratch array, whichever holds the result.
     */
    private static long[] sortPacked(Parallel par, long[] packed, int lowBit) {
        if (packed.length < Sorting.KEY_RADIX_CUTOFF) {
            Arrays.sort(packed);             // distinct values: the one ascending order is the stable one
            return packed;
        }
        return LongSorts.radixSortKeep(par, packed, 0, packed.length, lowBit);
    }

    /**
     * Puts into {@code a[from + i]} the element at {@code from + index}, where {@code index} is
     * {@code sorted[i] & mask}, mapped through {@code via} if not null.
     */
    private static void permute(Parallel par, Object[] a, int from, long[] sorted, long mask, int[] via) {
        int n = sorted.length;
        Object[] scratch = new Object[n];
        par.forEach(0, n, i -> {
            int p = (int) (sorted[i] & mask);
            scratch[i] = a[from + (via == null ? p : via[p])];
        });
        System.arraycopy(scratch, 0, a, from, n);
    }
}
