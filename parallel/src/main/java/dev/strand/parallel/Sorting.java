package dev.strand.parallel;

/** Cutoffs and argument checks shared by the sorts and merges. */
final class Sorting {

    /** Default smallest parallel sort leaf; a range this small is sorted sequentially. */
    static final int SEQUENTIAL_CUTOFF = 8192;

    /**
     * Parallel sort leaves per thread. Few leaves means few merge passes over memory (each is a
     * full read and write of the array); the parallel merges rebalance the rest.
     */
    static final int LEAVES_PER_THREAD = 2;

    /**
     * Parallel leaves per thread of the comparator sort. A leaf is sorted by the same merge
     * recursion as the levels above it, so more leaves cost no extra merge pass, only tasks; 16
     * lets a thread that finishes early steal leaves from one slowed by other load (with 2, a
     * stack profile of 2 M records on 2 cores showed each worker idle at joins ~11 % of the time).
     */
    static final int OBJECT_LEAVES_PER_THREAD = 16;

    /** Default smallest piece of a parallel merge. */
    static final int MERGE_CUTOFF = 8192;

    /** Parallel merge pieces per thread: enough for stealing to even out uneven splits. */
    static final int MERGE_PIECES_PER_THREAD = 4;

    /*
     * Radix cutoffs: ranges at least this long are radix sorted, shorter ones merge sorted
     * (Arrays.sort below the sequential cutoff). Picked by SortCutoffHarness (test sources) on
     * the common pool of a shared 2-core machine (JDK 17, 2026-12-04): median time of each path
     * on random input; figures are merge / radix time, two runs. Radix loses below 4096 for
     * every type (0.2-0.7x for long and double), and wins clearly from:
     *   int     4096: 0.98x 1.23x    8192: 2.94x 2.38x    16384: 3.07x 3.03x
     *   long    8192: 1.90x 0.84x   16384: 5.05x 2.65x    32768: 2.19x 1.27x
     *   double  4096: 0.48x 0.43x    8192: 1.47x 1.45x    16384: 3.13x 2.04x
     * and at 1 M elements runs 10-12x (int), 3.3-3.9x (long) and 2.6-3.9x (double) the merge sort.
     */

    /** Smallest {@code int} range that is radix sorted (see the figures above). */
    static final int RADIX_CUTOFF_INT = 1 << 13;

    /** Smallest {@code long} range that is radix sorted (see the figures above). */
    static final int RADIX_CUTOFF_LONG = 1 << 14;

    /** Smallest {@code double} range that is radix sorted (see the figures above). */
    static final int RADIX_CUTOFF_DOUBLE = 1 << 13;

    /**
     * Smallest range that {@code sortByKey} radix sorts its key:index longs for; below it they
     * are sorted with {@code Arrays.sort} (every packed value is distinct, so that order is the
     * stable one). Measured as above with full-range int keys (all four passes run), Arrays.sort
     * / radix: 2048: 0.70x, 4096: 0.69x, 8192: 1.57x, 16384: 1.97x, 1 M: 3.7x. (With a key range
     * of n / 8, radix already wins at 1024: 2.4x.)
     */
    static final int KEY_RADIX_CUTOFF = 1 << 13;

    /** Object ranges this small are sorted by binary insertion. */
    static final int INSERTION_CUTOFF = 32;

    private Sorting() {
    }

    /** The smallest merge piece for an input of {@code n}; at least 16 so that splits shrink. */
    static int mergeGrain(Parallel par, int n) {
        return Math.max(16, par.threshold(n, MERGE_CUTOFF, MERGE_PIECES_PER_THREAD));
    }

    /** Checks a range as {@code Arrays.sort} does, with the same exceptions. */
    static void checkRange(int length, int from, int to) {
        if (from > to) {
            throw new IllegalArgumentException("fromIndex(" + from + ") > toIndex(" + to + ")");
        }
        if (from < 0) {
            throw new ArrayIndexOutOfBoundsException("Array index out of range: " + from);
        }
        if (to > length) {
            throw new ArrayIndexOutOfBoundsException("Array index out of range: " + to);
        }
    }

    /** Checks the arguments of a merge into {@code out}. */
    static void checkMerge(Object left, int leftLength, Object right, int rightLength, Object out,
            int outLength) {
        if (out == left || out == right) {
            throw new IllegalArgumentException("out must be a different array from left and right");
        }
        if ((long) leftLength + rightLength > outLength) {
            throw new IllegalArgumentException("out is too short: length " + outLength + " < "
                    + leftLength + " + " + rightLength);
        }
    }
}
