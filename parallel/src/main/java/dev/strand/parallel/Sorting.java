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

    /** Default smallest piece of a parallel merge. */
    static final int MERGE_CUTOFF = 8192;

    /** Parallel merge pieces per thread: enough for stealing to even out uneven splits. */
    static final int MERGE_PIECES_PER_THREAD = 4;

    /*
     * Radix cutoffs: ranges at least this long are radix sorted (IntSorts.radixSort ...), shorter
     * ones merge sorted (Arrays.sort below the sequential cutoff). MEASURED_FIGURES
     */

    /** Smallest {@code int} range that is radix sorted. */
    static final int RADIX_CUTOFF_INT = 1 << 15;

    /** Smallest {@code long} range that is radix sorted. */
    static final int RADIX_CUTOFF_LONG = 1 << 15;

    /** Smallest {@code double} range that is radix sorted. */
    static final int RADIX_CUTOFF_DOUBLE = 1 << 15;

    /**
     * Smallest range that {@code sortByKey} radix sorts its key:index longs for; below it they
     * are sorted with {@code Arrays.sort} (every packed value is distinct, so that order is the
     * stable one).
     */
    static final int KEY_RADIX_CUTOFF = 1 << 12;

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
