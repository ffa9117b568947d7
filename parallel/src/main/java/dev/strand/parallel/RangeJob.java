package dev.strand.parallel;

/**
 * A job over the index range {@code [lo, hi)}: the one split / leaf / combine skeleton behind
 * every map-reduce and forEach of {@link Parallel} but one: the int-range map-reduce to a
 * {@code long} ({@code Parallel.LongFoldJob}) keeps its own copy of this skeleton for speed
 * (its Javadoc has the figures). A range longer than {@code threshold} is cut in halves, the
 * halves run as two jobs ({@link Job#both}: the left one here, the right one offered for
 * stealing), and {@link #combine} folds their results, left before right; a range
 * of at most {@code threshold} indices is a leaf, which {@link #leaf} processes sequentially.
 * Subclasses keep their own result fields, so primitive results are never boxed.
 *
 * @param <S> the concrete job type, so that {@link #combine} sees the halves' results
 */
abstract class RangeJob<S extends RangeJob<S>> extends Job {

    private static final long serialVersionUID = 1L;

    /** The range; {@code lo} may be negative for an int range, so its length needs a long. */
    final int lo;
    final int hi;
    final int threshold;

    RangeJob(int lo, int hi, int threshold) {
        this.lo = lo;
        this.hi = hi;
        this.threshold = threshold;
    }

    /** A job of the same kind and parameters over {@code [lo, hi)}, a half of this range. */
    abstract S half(int lo, int hi);

    /** Processes {@code [lo, hi)} sequentially, setting this job's result. */
    abstract void leaf();

    /** Sets this job's result from its two halves' (left first); nothing by default. */
    void combine(S left, S right) {
    }

    @Override
    final void run() {
        long length = (long) hi - lo;   // an int range [-2^31, 2^31) spans more than 2^31 indices
        if (length <= threshold) {
            leaf();
            return;
        }
        int mid = lo + (int) (length >>> 1);
        S left = half(lo, mid);
        S right = half(mid, hi);
        both(left, right);
        combine(left, right);
    }
}
