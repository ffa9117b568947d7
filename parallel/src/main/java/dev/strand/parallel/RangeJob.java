package dev.strand.parallel;

/**
 * The one split/leaf/combine skeleton of every range-shaped fork-join job in this package (the
 * role {@code java.util.stream.AbstractTask} plays for streams). A job covers the index range
 * {@code [lo, hi)}; if the range holds at most {@code threshold} indices, {@link #leaf()} does
 * the work sequentially; otherwise the range is halved, the two halves run through
 * {@link Job#both} (left on this thread, right offered for stealing) and {@link #combine}
 * merges their results, left before right, so a reduction keeps index order.
 *
 * <p>Split points depend only on {@code lo}, {@code hi} and {@code threshold}, so the same
 * input gives the same tree (and the same floating-point rounding) every run.
 *
 * <p>Ranges are {@code int} indices, but {@code from} may be negative and {@code to} positive,
 * so the length {@code hi - lo} can exceed {@link Integer#MAX_VALUE}: it is always computed in
 * {@code long}. Not thread-safe by itself: each job is run once, by one thread at a time, and
 * its result is read after the fork-join {@code join} (or the inline run) that happens-after it.
 *
 * @param <J> the concrete job type, so children and {@link #combine} are typed
 */
abstract class RangeJob<J extends RangeJob<J>> extends Job {

    private static final long serialVersionUID = 1L;

    /** First index, inclusive. */
    final int lo;
    /** Last index, exclusive. */
    final int hi;
    /** The largest range handled by {@link #leaf()} without splitting. */
    final int threshold;

    RangeJob(int lo, int hi, int threshold) {
        this.lo = lo;
        this.hi = hi;
        this.threshold = threshold;
    }

    /** Returns a job of the same kind, sharing this one's functions, over {@code [lo, hi)}. */
    abstract J child(int lo, int hi);

    /** Does the work of {@code [lo, hi)} sequentially, in index order. */
    abstract void leaf();

    /**
     * Merges the results of the two halves into this job; runs only if both succeeded. The
     * default does nothing (for jobs without a result, such as forEach).
     */
    void combine(J left, J right) {
    }

    @Override
    final void run() {
        long length = (long) hi - lo;            // long: [from, to) may span more than 2^31
        if (length <= threshold) {
            leaf();
            return;
        }
        int mid = lo + (int) (length >>> 1);     // lo may be negative; mid fits in int
        J left = child(lo, mid);
        J right = child(mid, hi);
        both(left, right);                       // rethrows a failure of either half
        combine(left, right);
    }
}
