package dev.strand.parallel;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/*
 * Stable sorts of objects by a primitive key, behind ParallelSort.sortByKey / sortByLongKey.
 *
 * Overview. One parallel sweep (Keys) calls the key function once per element
 * into a long[], and in the same sweep finds the keys' minimum and maximum and whether they
 * already ascend (then nothing else runs: the stable order is the input's). Nothing of the
 * input is written until every key is in, so a throwing key leaves it unchanged. Each long
 * holds a key and the element's index below it; the stable radix sort (LongSorts.radixPasses)
 * then sorts by the key bits alone, only as many of them as the keys' range (max - min) has, in
 * digits of up to 11 bits: equal keys stay in index order, so the object sort is stable, and
 * the index bits are never sorted. The low bits of the sorted longs are then the permutation,
 * applied once (permute).
 *
 *  - int key: (key << 32) | index, whose signed order is the key's, then the index's. The radix
 *    sort reads it as (key - min) << 32 | index (its bias), so a range of 2^18 keys is two
 *    9-bit passes wherever the keys lie, negative or not.
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
 * The permutation (permute) moves each element once, in input order, which is the order of
 * the key sweep and, usually, of the elements in memory. A gather in sorted order (out[i] =
 * a[index]) touches the elements at random: each store into an array of the input's component
 * type loads the element's class word, a cache miss per element (measured: the gather was
 * ~45 % of the whole sort of 2 M records). So: INVERT writes each element's final offset at
 * its index (into the radix sort's unused buffer, or the two-round case's free int[]); MOVE
 * reads the input in order and stores each element at its offset into one of n / 2^15
 * pieces, small arrays of the input's component type (young: their stores skip G1's
 * card-marking fence, which JDK 17 pays on each reference store into a large, old array);
 * COPY_BACK copies the pieces into the range (same component type: no per-element check).
 *
 * Memory (per element, besides the input): int key and compressed long key, 8 (key:index) + 8
 * (the radix sort's scratch, then the offsets) + one reference (the pieces); the two-round
 * case 8 more.
 */
final class KeySorts {

    /** Log2 of the final positions per piece of the permutation (see permute). */
    static final int PIECE_SHIFT = 15;

    /** Final positions per piece: 128 KiB of compressed references, 256 KiB of others. */
    static final int PIECE = 1 << PIECE_SHIFT;

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
        int blockLen = Radix.blockLength(par, n);
        Keys<T> keys = new Keys<>(a, from, packed, key, null, 0, n, blockLen);
        par.invoke(keys);
        if (keys.sorted) {
            return;                        // keys ascend already: the stable order is the input's
        }
        // (v ^ MIN_VALUE) - bias = v - (min << 32) = (key - min) << 32 | index, as unsigned
        long bias = Long.MIN_VALUE + (keys.min << 32);
        int keyBits = Radix.bitLength(keys.max - keys.min);
        long[] spare = new long[n];
        long[] sorted = sortPacked(par, packed, spare, Integer.SIZE, keyBits, bias, blockLen);
        permute(par, a, from, sorted, 0xFFFF_FFFFL, null, sorted == packed ? spare : packed, null, blockLen);
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
        int blockLen = Radix.blockLength(par, n);
        Keys<T> keys = new Keys<>(a, from, k, null, key, 0, n, blockLen);
        par.invoke(keys);
        if (keys.sorted) {
            return;
        }
        long min = keys.min;
        int indexBits = Radix.bitLength(n - 1);                       // 1..31
        int keyBits = Radix.bitLength(keys.max - min);                 // of the range, read as unsigned
        if (keyBits <= Long.SIZE - indexBits) {
            par.forEach(0, n, i -> k[i] = (((k[i] - min) << indexBits) | i) ^ Long.MIN_VALUE);
            // bias 0: the radix key (v ^ MIN_VALUE) is (key - min) << indexBits | index
            long[] spare = new long[n];
            long[] sorted = sortPacked(par, k, spare, indexBits, keyBits, 0, blockLen);
            permute(par, a, from, sorted, (1L << indexBits) - 1, null, sorted == k ? spare : k, null, blockLen);
            return;
        }
        int[] high = new int[n];
        par.forEach(0, n, i -> {
            long v = k[i];
            high[i] = (int) (v >>> 32);
            k[i] = ((long) ((int) v ^ Integer.MIN_VALUE) << 32) | i;   // low half as unsigned
        });
        long[] byLow = sortSpanned(par, k, Integer.SIZE);
        int[] first = new int[n];                                     // round one's permutation
        par.forEach(0, n, j -> {
            int p = (int) byLow[j];
            first[j] = p;
            byLow[j] = ((long) high[p] << 32) | j;
        });
        // high is free again: it takes the final positions
        permute(par, a, from, sortSpanned(par, byLow, Integer.SIZE), 0xFFFF_FFFFL, first, null, high, blockLen);
    }

    /**
     * Sorts distinct key:index longs ascending by the {@code keyBits} bits of
     * {@code (v ^ MIN_VALUE) - bias} from {@code lowBit} up (the bits above them the same in
     * every element, the index below them); their signed order must be that order, for the
     * short ranges that {@code Arrays.sort} sorts. Returns {@code packed} or {@code spare} (the
     * radix sort's scratch array), whichever holds the result.
     */
    private static long[] sortPacked(Parallel par, long[] packed, long[] spare, int lowBit, int keyBits, long bias,
            int blockLen) {
        int n = packed.length;
        if (n < Sorting.KEY_RADIX_CUTOFF) {
            Arrays.sort(packed);           // distinct values: the one ascending order is the stable one
            return packed;
        }
        long varying = (-1L >>> (Long.SIZE - keyBits)) << lowBit;
        return LongSorts.radixPasses(par, packed, 0, n, varying, bias, Radix.KEY_BITS, blockLen, spare);
    }

    /**
     * Sorts distinct key:index longs, whose index bits are below {@code lowBit}, in signed
     * order, finding the key bits that vary with a first sweep; returns {@code packed} or the
     * radix sort's scratch array, whichever holds the result.
     */
    private static long[] sortSpanned(Parallel par, long[] packed, int lowBit) {
        int n = packed.length;
        if (n < Sorting.KEY_RADIX_CUTOFF) {
            Arrays.sort(packed);
            return packed;
        }
        return LongSorts.radixSortKeep(par, packed, 0, n, lowBit, Radix.KEY_BITS);
    }

    /**
     * Moves the element at {@code from + index} to {@code from + i}, where {@code index} is
     * {@code sorted[i] & mask}, mapped through {@code via} if not null. {@code posLong} or
     * {@code posInt} (the other null), at least {@code sorted.length} long, is overwritten.
     */
    private static void permute(Parallel par, Object[] a, int from, long[] sorted, long mask, int[] via,
            long[] posLong, int[] posInt, int blockLen) {
        int n = sorted.length;
        par.invoke(new Permute(Permute.INVERT, a, from, sorted, mask, via, posLong, posInt, null, 0, n, blockLen));
        Object[][] pieces = new Object[((n - 1) >>> PIECE_SHIFT) + 1][];
        par.invoke(new Permute(Permute.ALLOCATE, a, from, sorted, mask, via, posLong, posInt, pieces, 0,
                pieces.length, 1));
        par.invoke(new Permute(Permute.MOVE, a, from, sorted, mask, via, posLong, posInt, pieces, 0, n, blockLen));
        par.invoke(new Permute(Permute.COPY_BACK, a, from, sorted, mask, via, posLong, posInt, pieces, 0,
                pieces.length, 1));
    }

    /** A new array of {@code length} with the component type of {@code like}. */
    static Object[] newArray(Object[] like, int length) {
        return (Object[]) Array.newInstance(like.getClass().getComponentType(), length);
    }

    /**
     * The key sweep: calls the key once per element, writes {@code (key << 32) | index} (an int
     * key) or the key (a long key) into {@code out}, and finds the keys' min, max and whether
     * they ascend. Exactly one of {@code intKey} and {@code longKey} is not null.
     *
     * @param <T> the element type
     */
    private static final class Keys<T> extends RangeJob<Keys<T>> {
        private static final long serialVersionUID = 1L;
        private final transient T[] a;
        private final int from;
        private final transient long[] out;
        private final transient ToIntFunction<? super T> intKey;
        private final transient ToLongFunction<? super T> longKey;
        long min;
        long max;
        boolean sorted;

        Keys(T[] a, int from, long[] out, ToIntFunction<? super T> intKey, ToLongFunction<? super T> longKey,
                int lo, int hi, int threshold) {
            super(lo, hi, threshold);
            this.a = a;
            this.from = from;
            this.out = out;
            this.intKey = intKey;
            this.longKey = longKey;
        }

        @Override
        Keys<T> half(int lo, int hi) {
            return new Keys<>(a, from, out, intKey, longKey, lo, hi, threshold);
        }

        @Override
        void leaf() {
            T[] in = a;
            long[] o = out;
            ToIntFunction<? super T> fi = intKey;
            ToLongFunction<? super T> fl = longKey;
            boolean packs = fi != null;        // loop-invariant: the JIT keeps one branch per loop copy
            int off = from;
            long mn = Long.MAX_VALUE;
            long mx = Long.MIN_VALUE;
            long prev = Long.MIN_VALUE;
            boolean inOrder = true;
            for (int i = lo; i < hi; i++) {
                T e = in[off + i];
                long k = packs ? fi.applyAsInt(e) : fl.applyAsLong(e);
                o[i] = packs ? (k << 32) | i : k;
                inOrder &= prev <= k;
                prev = k;
                mn = Math.min(mn, k);
                mx = Math.max(mx, k);
            }
            min = mn;
            max = mx;
            sorted = inOrder;
        }

        @Override
        void combine(Keys<T> left, Keys<T> right) {
            min = Math.min(left.min, right.min);
            max = Math.max(left.max, right.max);
            sorted = left.sorted && right.sorted && out[right.lo - 1] <= out[right.lo];
        }
    }

    /**
     * The permutation's sweeps. INVERT writes each element's final offset at its index in
     * the position array; ALLOCATE makes the pieces (one per 2^PIECE_SHIFT final positions,
     * of the input's component type); MOVE stores each element, in input order, into its
     * piece; COPY_BACK copies each piece to its part of the range. INVERT and MOVE range over
     * elements, ALLOCATE and COPY_BACK over pieces.
     */
    private static final class Permute extends RangeJob<Permute> {
        private static final long serialVersionUID = 1L;
        static final int INVERT = 0;
        static final int ALLOCATE = 1;
        static final int MOVE = 2;
        static final int COPY_BACK = 3;
        private final int phase;
        private final transient Object[] a;
        private final int from;
        private final transient long[] sorted;
        private final long mask;
        private final transient int[] via;
        private final transient long[] posLong;
        private final transient int[] posInt;
        private final transient Object[][] pieces;

        Permute(int phase, Object[] a, int from, long[] sorted, long mask, int[] via, long[] posLong,
                int[] posInt, Object[][] pieces, int lo, int hi, int threshold) {
            super(lo, hi, threshold);
            this.phase = phase;
            this.a = a;
            this.from = from;
            this.sorted = sorted;
            this.mask = mask;
            this.via = via;
            this.posLong = posLong;
            this.posInt = posInt;
            this.pieces = pieces;
        }

        @Override
        Permute half(int lo, int hi) {
            return new Permute(phase, a, from, sorted, mask, via, posLong, posInt, pieces, lo, hi, threshold);
        }

        @Override
        void leaf() {
            switch (phase) {
                case INVERT -> invert();
                case ALLOCATE -> {
                    int n = sorted.length;
                    for (int k = lo; k < hi; k++) {
                        pieces[k] = newArray(a, Math.min(PIECE, n - (k << PIECE_SHIFT)));
                    }
                }
                case MOVE -> move();
                default -> {
                    for (int k = lo; k < hi; k++) {
                        Object[] piece = pieces[k];
                        System.arraycopy(piece, 0, a, from + (k << PIECE_SHIFT), piece.length);
                    }
                }
            }
        }

        private void invert() {
            long[] idx = sorted;
            long m = mask;
            int[] first = via;
            if (posLong != null) {
                long[] pos = posLong;
                for (int i = lo; i < hi; i++) {
                    pos[(int) (idx[i] & m)] = i;
                }
            } else if (first == null) {
                int[] pos = posInt;
                for (int i = lo; i < hi; i++) {
                    pos[(int) (idx[i] & m)] = i;
                }
            } else {
                int[] pos = posInt;
                for (int i = lo; i < hi; i++) {
                    pos[first[(int) (idx[i] & m)]] = i;
                }
            }
        }

        private void move() {
            Object[] in = a;
            Object[][] out = pieces;
            int off = from;
            if (posLong != null) {
                long[] pos = posLong;
                for (int j = lo; j < hi; j++) {
                    int p = (int) pos[j];
                    out[p >>> PIECE_SHIFT][p & (PIECE - 1)] = in[off + j];
                }
            } else {
                int[] pos = posInt;
                for (int j = lo; j < hi; j++) {
                    int p = pos[j];
                    out[p >>> PIECE_SHIFT][p & (PIECE - 1)] = in[off + j];
                }
            }
        }
    }
}
