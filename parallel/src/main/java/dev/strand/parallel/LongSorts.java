package dev.strand.parallel;

import java.util.Arrays;

/*
 * Parallel merge sort of long[].
 *
 * GENERATED from parallel/src/template/PrimitiveSorts.java.template: edit the template, not this
 * file, and regenerate as SortsGeneratorTest's Javadoc says. The int, long and double versions
 * differ only in the element type and in less(); that test fails when a checked-in version
 * differs from the template.
 *
 * Overview. sort() splits [from, to) in halves down to leaves of about n / (2 x parallelism)
 * elements (never fewer than the sequential cutoff), sorts each leaf with Arrays.sort, and
 * merges back up. One scratch buffer w of n elements is shared by the whole recursion: a job
 * sorting a range "into a" has its two halves sorted "into w" and merges them from w into a,
 * and the other way round, so every level moves each element exactly once and nothing else
 * is allocated. Merges are themselves parallel: MergeJob cuts the larger run at its middle,
 * binary-searches the cut value in the other run (lower bound when cutting the left run,
 * upper bound when cutting the right one, so equal elements keep left-before-right order) and
 * merges the two halves as independent jobs writing disjoint parts of the output.
 */
final class LongSorts {

    private LongSorts() {
    }

    static void sort(Parallel par, long[] a, int from, int to) {
        int n = to - from;
        int leaf = par.threshold(n, Sorting.SEQUENTIAL_CUTOFF, Sorting.LEAVES_PER_THREAD);
        if (n <= leaf) {
            Arrays.sort(a, from, to);
            return;
        }
        int mergeGrain = Sorting.mergeGrain(par, n);
        long[] w = new long[n];   // the one scratch buffer: w[i - from] shadows a[i]
        par.invoke(new SortJob(a, w, from, from, to, true, leaf, mergeGrain));
    }

    static void merge(Parallel par, long[] left, long[] right, long[] out) {
        int n = left.length + right.length;
        int grain = Sorting.mergeGrain(par, n);
        if (n <= grain) {
            mergeSequential(left, 0, left.length, right, 0, right.length, out, 0);
            return;
        }
        par.invoke(new MergeJob(left, 0, left.length, right, 0, right.length, out, 0, grain));
    }

    /** Sorts [lo, hi) (in a's coordinates) so that it ends up in a (intoA) or in w. */
    private static final class SortJob extends Job {
        private static final long serialVersionUID = 1L;
        private final transient long[] a;
        private final transient long[] w;
        private final int off;
        private final int lo;
        private final int hi;
        private final boolean intoA;
        private final int leaf;
        private final int mergeGrain;

        SortJob(long[] a, long[] w, int off, int lo, int hi, boolean intoA, int leaf, int mergeGrain) {
            this.a = a;
            this.w = w;
            this.off = off;
            this.lo = lo;
            this.hi = hi;
            this.intoA = intoA;
            this.leaf = leaf;
            this.mergeGrain = mergeGrain;
        }

        @Override
        void run() {
            int n = hi - lo;
            if (n <= leaf) {
                Arrays.sort(a, lo, hi);
                if (!intoA) {
                    System.arraycopy(a, lo, w, lo - off, n);
                }
                return;
            }
            int mid = (lo + hi) >>> 1;
            both(new SortJob(a, w, off, lo, mid, !intoA, leaf, mergeGrain),
                    new SortJob(a, w, off, mid, hi, !intoA, leaf, mergeGrain));
            // The halves are sorted in the other array; merge them into this job's target.
            int shift = intoA ? off : -off;          // target index = source index + shift
            long[] src = intoA ? w : a;
            long[] dst = intoA ? a : w;
            int lo1 = intoA ? lo - off : lo;
            int mid1 = lo1 + (mid - lo);
            int hi1 = lo1 + n;
            if (!less(src[mid1], src[mid1 - 1])) {   // already in order: a plain copy
                System.arraycopy(src, lo1, dst, lo1 + shift, n);
                return;
            }
            new MergeJob(src, lo1, mid1, src, mid1, hi1, dst, lo1 + shift, mergeGrain).run();
        }
    }

    /** Merges x[lo1, hi1) and y[lo2, hi2) into dst from k, splitting in parallel. */
    private static final class MergeJob extends Job {
        private static final long serialVersionUID = 1L;
        private final transient long[] x;
        private final int lo1;
        private final int hi1;
        private final transient long[] y;
        private final int lo2;
        private final int hi2;
        private final transient long[] dst;
        private final int k;
        private final int grain;

        MergeJob(long[] x, int lo1, int hi1, long[] y, int lo2, int hi2, long[] dst, int k, int grain) {
            this.x = x;
            this.lo1 = lo1;
            this.hi1 = hi1;
            this.y = y;
            this.lo2 = lo2;
            this.hi2 = hi2;
            this.dst = dst;
            this.k = k;
            this.grain = grain;
        }

        @Override
        void run() {
            int n1 = hi1 - lo1;
            int n2 = hi2 - lo2;
            if (n1 + n2 <= grain) {   // grain >= 16: the larger run has 2+ elements below
                mergeSequential(x, lo1, hi1, y, lo2, hi2, dst, k);
                return;
            }
            int m1;
            int m2;
            if (n1 >= n2) {
                m1 = (lo1 + hi1) >>> 1;
                m2 = lowerBound(y, lo2, hi2, x[m1]);    // y's elements equal to x[m1] go right
            } else {
                m2 = (lo2 + hi2) >>> 1;
                m1 = upperBound(x, lo1, hi1, y[m2]);    // x's elements equal to y[m2] go left
            }
            both(new MergeJob(x, lo1, m1, y, lo2, m2, dst, k, grain),
                    new MergeJob(x, m1, hi1, y, m2, hi2, dst, k + (m1 - lo1) + (m2 - lo2), grain));
        }
    }

    /** Stable sequential merge: on ties the element of x (the left run) goes first. */
    static void mergeSequential(long[] x, int i, int hi1, long[] y, int j, int hi2, long[] dst, int k) {
        if (i < hi1 && j < hi2) {
            long a = x[i];
            long b = y[j];
            while (true) {
                if (less(b, a)) {
                    dst[k++] = b;
                    if (++j == hi2) {
                        break;
                    }
                    b = y[j];
                } else {
                    dst[k++] = a;
                    if (++i == hi1) {
                        break;
                    }
                    a = x[i];
                }
            }
        }
        System.arraycopy(x, i, dst, k, hi1 - i);
        System.arraycopy(y, j, dst, k + (hi1 - i), hi2 - j);
    }

    /** The first index in [lo, hi) whose element is not less than v. */
    static int lowerBound(long[] s, int lo, int hi, long v) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (less(s[mid], v)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first index in [lo, hi) whose element is greater than v. */
    static int upperBound(long[] s, int lo, int hi, long v) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (less(v, s[mid])) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static boolean less(long p, long q) {
        return p < q;
    }
}
