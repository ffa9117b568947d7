package dev.strand.parallel;

import java.util.Comparator;

/*
 * Stable parallel merge sort of objects with a comparator, and stable parallel merge.
 *
 * Overview. The same scheme as IntSorts (one scratch buffer w, jobs sorting "into a" or "into
 * w" in alternation, parallel merges cut at the middle of the larger run), with binary
 * insertion sort below INSERTION_CUTOFF and sequential recursion below the parallel leaf size.
 * Stability: insertion puts an element after its equals; merges take the left run's element on
 * ties; a parallel merge cutting the left run at x sends the right run's elements equal to x
 * to the right half (lower bound), cutting the right run at y sends the left run's elements
 * equal to y to the left half (upper bound).
 *
 * Failure atomicity. The comparator may throw at any call. Every job keeps this promise:
 * whether it returns or throws, its target range holds exactly the elements of its input (a
 * permutation of them), each once. Moves are made only between comparator calls, never with an
 * element held only in a local variable across a call:
 *  - insertion: binary search first (array untouched), then arraycopy + store, no call between;
 *  - sequential merge: each step compares, then copies one element; on a throw the unconsumed
 *    tails of both runs are copied after what was already merged;
 *  - a parallel merge whose cut search throws copies both runs to its output;
 *  - a sort job whose halves fail has each half's elements in the other array (by the
 *    promise, applied to the halves): it copies them into its own target.
 * The input of a job is always in a (each level reads what the level below wrote in the other
 * array, and leaves read a), so the top job, which sorts into a, leaves a a permutation of its
 * original contents on any failure.
 */
final class ObjectSorts {

    private ObjectSorts() {
    }

    static void sort(Parallel par, Object[] a, int from, int to, Comparator<Object> c) {
        int n = to - from;
        if (n <= Sorting.INSERTION_CUTOFF) {
            insertionSort(a, from, to, c);
            return;
        }
        int leaf = par.threshold(n, Sorting.SEQUENTIAL_CUTOFF, Sorting.OBJECT_LEAVES_PER_THREAD);
        Object[] w = new Object[n];   // the one scratch buffer: w[i - from] shadows a[i]
        if (n <= leaf) {
            sortSequential(a, w, from, from, to, true, c);
        } else {
            par.invoke(new SortJob(a, w, from, from, to, true, leaf, Sorting.mergeGrain(par, n), c));
        }
    }

    static void merge(Parallel par, Object[] left, Object[] right, Object[] out, Comparator<Object> c) {
        int n = left.length + right.length;
        int grain = Sorting.mergeGrain(par, n);
        if (n <= grain) {
            mergeSequential(left, 0, left.length, right, 0, right.length, out, 0, c);
            return;
        }
        par.invoke(new MergeJob(left, 0, left.length, right, 0, right.length, out, 0, grain, c));
    }

    /** Sorts [lo, hi) of a into a (intoA) or into w, sequentially. */
    static void sortSequential(Object[] a, Object[] w, int off, int lo, int hi, boolean intoA,
            Comparator<Object> c) {
        int n = hi - lo;
        if (n <= Sorting.INSERTION_CUTOFF) {
            if (intoA) {
                insertionSort(a, lo, hi, c);
            } else {
                System.arraycopy(a, lo, w, lo - off, n);
                insertionSort(w, lo - off, hi - off, c);
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        try {
            sortSequential(a, w, off, lo, mid, !intoA, c);
        } catch (Throwable t) {
            // The left half is in the other array, the right half still in a (never started).
            if (intoA) {
                System.arraycopy(w, lo - off, a, lo, mid - lo);
            } else {
                System.arraycopy(a, lo, w, lo - off, n);
            }
            throw t;
        }
        try {
            sortSequential(a, w, off, mid, hi, !intoA, c);
        } catch (Throwable t) {
            gather(a, w, off, lo, hi, intoA);   // both halves are in the other array
            throw t;
        }
        mergeHalves(a, w, off, lo, mid, hi, intoA, Integer.MAX_VALUE, c);
    }

    /** Copies [lo, hi) from the array that is not the target into the target. */
    private static void gather(Object[] a, Object[] w, int off, int lo, int hi, boolean intoA) {
        if (intoA) {
            System.arraycopy(w, lo - off, a, lo, hi - lo);
        } else {
            System.arraycopy(a, lo, w, lo - off, hi - lo);
        }
    }

    /** Merges the sorted halves, which are in the other array, into the target. */
    private static void mergeHalves(Object[] a, Object[] w, int off, int lo, int mid, int hi,
            boolean intoA, int grain, Comparator<Object> c) {
        int shift = intoA ? off : -off;     // target index = source index + shift
        Object[] src = intoA ? w : a;
        Object[] dst = intoA ? a : w;
        int lo1 = intoA ? lo - off : lo;
        int mid1 = lo1 + (mid - lo);
        int hi1 = lo1 + (hi - lo);
        boolean inOrder;
        try {
            inOrder = c.compare(src[mid1], src[mid1 - 1]) >= 0;
        } catch (Throwable t) {
            gather(a, w, off, lo, hi, intoA);
            throw t;
        }
        if (inOrder) {                      // already in order (presorted input): a plain copy
            System.arraycopy(src, lo1, dst, lo1 + shift, hi - lo);
        } else if (hi - lo <= grain) {
            mergeSequential(src, lo1, mid1, src, mid1, hi1, dst, lo1 + shift, c);
        } else {
            new MergeJob(src, lo1, mid1, src, mid1, hi1, dst, lo1 + shift, grain, c).run();
        }
    }

    /** Sorts [lo, hi) of a into a or w, splitting in parallel down to {@code leaf}. */
    private static final class SortJob extends Job {
        private static final long serialVersionUID = 1L;
        private final transient Object[] a;
        private final transient Object[] w;
        private final int off;
        private final int lo;
        private final int hi;
        private final boolean intoA;
        private final int leaf;
        private final int mergeGrain;
        private final transient Comparator<Object> c;

        SortJob(Object[] a, Object[] w, int off, int lo, int hi, boolean intoA, int leaf,
                int mergeGrain, Comparator<Object> c) {
            this.a = a;
            this.w = w;
            this.off = off;
            this.lo = lo;
            this.hi = hi;
            this.intoA = intoA;
            this.leaf = leaf;
            this.mergeGrain = mergeGrain;
            this.c = c;
        }

        @Override
        void run() {
            if (hi - lo <= leaf) {
                sortSequential(a, w, off, lo, hi, intoA, c);
                return;
            }
            int mid = (lo + hi) >>> 1;
            try {
                both(new SortJob(a, w, off, lo, mid, !intoA, leaf, mergeGrain, c),
                        new SortJob(a, w, off, mid, hi, !intoA, leaf, mergeGrain, c));
            } catch (Throwable t) {
                gather(a, w, off, lo, hi, intoA);   // both halves are in the other array
                throw t;
            }
            mergeHalves(a, w, off, lo, mid, hi, intoA, mergeGrain, c);
        }
    }

    /** Merges x[lo1, hi1) and y[lo2, hi2) into dst from k, splitting in parallel. */
    private static final class MergeJob extends Job {
        private static final long serialVersionUID = 1L;
        private final transient Object[] x;
        private final int lo1;
        private final int hi1;
        private final transient Object[] y;
        private final int lo2;
        private final int hi2;
        private final transient Object[] dst;
        private final int k;
        private final int grain;
        private final transient Comparator<Object> c;

        MergeJob(Object[] x, int lo1, int hi1, Object[] y, int lo2, int hi2, Object[] dst, int k,
                int grain, Comparator<Object> c) {
            this.x = x;
            this.lo1 = lo1;
            this.hi1 = hi1;
            this.y = y;
            this.lo2 = lo2;
            this.hi2 = hi2;
            this.dst = dst;
            this.k = k;
            this.grain = grain;
            this.c = c;
        }

        @Override
        void run() {
            int n1 = hi1 - lo1;
            int n2 = hi2 - lo2;
            if (n1 + n2 <= grain) {   // grain >= 16: the larger run has 2+ elements below
                mergeSequential(x, lo1, hi1, y, lo2, hi2, dst, k, c);
                return;
            }
            int m1;
            int m2;
            try {
                if (n1 >= n2) {
                    m1 = (lo1 + hi1) >>> 1;
                    m2 = lowerBound(y, lo2, hi2, x[m1], c);   // y's equals of x[m1] go right
                } else {
                    m2 = (lo2 + hi2) >>> 1;
                    m1 = upperBound(x, lo1, hi1, y[m2], c);   // x's equals of y[m2] go left
                }
            } catch (Throwable t) {
                System.arraycopy(x, lo1, dst, k, n1);         // keep the promise: input in dst
                System.arraycopy(y, lo2, dst, k + n1, n2);
                throw t;
            }
            both(new MergeJob(x, lo1, m1, y, lo2, m2, dst, k, grain, c),
                    new MergeJob(x, m1, hi1, y, m2, hi2, dst, k + (m1 - lo1) + (m2 - lo2), grain, c));
        }
    }

    /** Stable sequential merge (ties: x first); on a throw dst still gets every element once. */
    static void mergeSequential(Object[] x, int i, int hi1, Object[] y, int j, int hi2, Object[] dst,
            int k, Comparator<Object> c) {
        try {
            if (i < hi1 && j < hi2) {
                // The two heads in locals: one array load per step, not three. They are only
                // copies (x and y still hold them), so a throwing compare loses nothing.
                Object p = x[i];
                Object q = y[j];
                while (true) {
                    if (c.compare(q, p) < 0) {
                        dst[k++] = q;
                        if (++j == hi2) {
                            break;
                        }
                        q = y[j];
                    } else {
                        dst[k++] = p;
                        if (++i == hi1) {
                            break;
                        }
                        p = x[i];
                    }
                }
            }
        } finally {
            // Normal end: one run is empty and the other's tail is copied. On a throw (nothing
            // moved by the failed step) both tails go after what was merged so far.
            System.arraycopy(x, i, dst, k, hi1 - i);
            System.arraycopy(y, j, dst, k + (hi1 - i), hi2 - j);
        }
    }

    /** Stable binary insertion sort of a[lo, hi); a permutation of its input even on a throw. */
    static void insertionSort(Object[] a, int lo, int hi, Comparator<Object> c) {
        for (int i = lo + 1; i < hi; i++) {
            Object x = a[i];
            if (c.compare(x, a[i - 1]) >= 0) {
                continue;                      // already in place (common in presorted input)
            }
            int l = lo;
            int h = i - 1;                     // x < a[i - 1]: the place is in [lo, i - 1]
            while (l < h) {
                int m = (l + h) >>> 1;
                if (c.compare(x, a[m]) < 0) {
                    h = m;
                } else {
                    l = m + 1;                 // after its equals: stable
                }
            }
            // No comparator call from here until x is stored again: a never lacks x.
            System.arraycopy(a, l, a, l + 1, i - l);
            a[l] = x;
        }
    }

    private static int lowerBound(Object[] s, int lo, int hi, Object v, Comparator<Object> c) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (c.compare(s[mid], v) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(Object[] s, int lo, int hi, Object v, Comparator<Object> c) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (c.compare(v, s[mid]) < 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
