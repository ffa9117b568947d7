package dev.strand.resilience;

/**
 * The outcomes of the last {@code windowNanos}, in {@code n} buckets (10, fewer for a window
 * under 10 ns) of {@code bucketNanos} each: a call counts in the bucket of its completion time,
 * and leaves the window when its bucket is reused, between {@code (n-1)/n} and {@code n/n} of
 * the window after it completed. Time comes from the breaker's ticker, so tests move buckets
 * with a {@code ManualTicker}.
 *
 * <p>Guarded by this object's monitor: the critical sections are a few array updates and never
 * block or park, so a virtual thread holding the monitor is never pinned while waiting.
 */
final class TimeWindow extends Window {

    private final CircuitBreaker cb;
    private final int n;
    private final long bucketNanos;
    private final int[] calls;
    private final int[] failed;
    private final int[] slow;
    private int totalCalls;
    private int totalFailed;
    private int totalSlow;
    /** The newest bucket epoch seen ({@code now / bucketNanos}); buckets hold epochs in (head-n, head]. */
    private long head = Long.MIN_VALUE;

    TimeWindow(CircuitBreaker cb, long windowNanos) {
        this.cb = cb;
        this.n = (int) Math.min(10, windowNanos);
        this.bucketNanos = (windowNanos + n - 1) / n;
        this.calls = new int[n];
        this.failed = new int[n];
        this.slow = new int[n];
    }

    @Override
    synchronized boolean record(long nowNanos, int outcome) {
        advance(nowNanos);
        long epoch = Math.floorDiv(nowNanos, bucketNanos);
        if (epoch <= head - n) {
            return false; // completed so long ago (a slow thread's stale reading) it is out of the window
        }
        int b = (int) Math.floorMod(epoch, (long) n);
        calls[b]++;
        totalCalls++;
        if ((outcome & BreakerState.FAILED) != 0) {
            failed[b]++;
            totalFailed++;
        }
        if ((outcome & BreakerState.SLOW) != 0) {
            slow[b]++;
            totalSlow++;
        }
        return cb.exceeded(totalCalls, totalFailed, totalSlow);
    }

    @Override
    synchronized int[] counts(long nowNanos) {
        advance(nowNanos);
        return new int[] {totalCalls, totalFailed, totalSlow};
    }

    /** Empties the buckets whose epochs fell out of the window by {@code nowNanos}. */
    private void advance(long nowNanos) {
        long epoch = Math.floorDiv(nowNanos, bucketNanos);
        if (epoch <= head) {
            return;
        }
        if (head == Long.MIN_VALUE || epoch - head >= n) {
            for (int b = 0; b < n; b++) {
                clear(b);
            }
        } else {
            for (long e = head + 1; e <= epoch; e++) {
                clear((int) Math.floorMod(e, (long) n));
            }
        }
        head = epoch;
    }

    private void clear(int b) {
        totalCalls -= calls[b];
        totalFailed -= failed[b];
        totalSlow -= slow[b];
        calls[b] = 0;
        failed[b] = 0;
        slow[b] = 0;
    }
}
