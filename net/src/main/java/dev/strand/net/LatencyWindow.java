package dev.strand.net;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The recent latencies of a {@link Cluster}'s replies, for a hedge delay that follows a
 * percentile (gRPC's advice: hedge at about the p95).
 *
 * <p>Keeps the last {@link #SIZE} latencies in a ring; every {@link #EVERY} records, the
 * recording thread sorts a copy and publishes the percentile. Until {@link #EVERY} latencies are
 * known, {@link #nanos()} is the initial delay.
 *
 * <p>Thread-safe, by tolerance: slots are written without synchronisation, so a recompute may
 * read a slot a moment before or after a concurrent write. Every value read is a real latency
 * (longs are written whole on 64-bit JVMs, and a torn value on others is one bad sample among
 * {@link #SIZE}); the result is an estimate either way. The published delay is volatile.
 */
final class LatencyWindow {

    static final int SIZE = 1024;
    static final int EVERY = 128;

    private final double percentile;
    private final long[] ring = new long[SIZE];
    private final AtomicLong count = new AtomicLong();
    private volatile long nanos;

    LatencyWindow(double percentile, long initialNanos) {
        this.percentile = percentile;
        this.nanos = initialNanos;
    }

    /** Records one reply's latency. */
    void record(long latencyNanos) {
        long n = count.getAndIncrement();
        ring[(int) (n % SIZE)] = latencyNanos;
        if ((n + 1) % EVERY == 0) {
            int filled = (int) Math.min(SIZE, n + 1);
            long[] copy = Arrays.copyOf(ring, filled);
            Arrays.sort(copy);
            int index = (int) Math.ceil(percentile * filled) - 1;
            nanos = Math.max(1, copy[Math.max(0, Math.min(filled - 1, index))]);
        }
    }

    /** The current hedge delay. */
    long nanos() {
        return nanos;
    }
}
