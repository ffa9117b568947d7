package dev.strand.net;

import dev.strand.core.Ticker;
import dev.strand.resilience.CircuitBreaker;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One replica of a {@link Cluster}: its connection (null while down), its circuit breaker, the
 * requests in flight on it and its latency estimate.
 *
 * <p>The latency estimate is an exponentially weighted moving average: each completed attempt
 * moves it {@link #WEIGHT} of the way to its own latency (the first sets it). While the
 * endpoint completes nothing, its cost decays toward zero with a time constant of
 * {@link #DECAY_NANOS}, so an endpoint once slow is tried again after a while rather than
 * starved forever (tower's and Finagle's peak-EWMA balancers decay the same way). The first
 * {@link #WARM_UP_REPLIES} replies are not counted: a server, and the client decoding its
 * first replies, is slow while cold, and a cold outlier would otherwise keep it starved.
 *
 * <p>Thread-safe: counters are atomic; the estimate is written under this object's lock and
 * read without it (a reader may see a new estimate with an old time stamp: the cost it computes
 * is an estimate either way, and only steers the choice between two endpoints).
 */
final class ClusterEndpoint {

    /** How far one observation moves the estimate. */
    static final double WEIGHT = 0.1;
    /** How fast an idle endpoint's cost decays toward zero (e-folding time). */
    static final long DECAY_NANOS = Duration.ofSeconds(10).toNanos();
    /** Replies that warm an endpoint up and do not feed its estimate. */
    static final int WARM_UP_REPLIES = 5;

    final SocketAddress address;
    final CircuitBreaker breaker;
    private final Ticker ticker;
    final AtomicInteger inFlight = new AtomicInteger();
    final LongAdder attempts = new LongAdder();
    final LongAdder failures = new LongAdder();
    /** The open connection, or null while connecting, reconnecting, or after removal. */
    volatile Connection connection;
    /** Set once, when the endpoint leaves the cluster. */
    volatile boolean removed;
    /**
     * When its breaker left CLOSED, in the cluster's order of ejections (newest highest); 0
     * while it is in. Guarded by the cluster's lock.
     */
    long ejectedOrder;
    /** Reconnect attempts since the last success; used by the cluster's timer thread only. */
    int reconnectAttempt;
    /** Guarded by this. Replies seen, up to {@link #WARM_UP_REPLIES}. */
    private int warmUp;
    private volatile double ewmaNanos;
    private volatile long stampNanos;

    ClusterEndpoint(SocketAddress address, CircuitBreaker breaker, Ticker ticker) {
        this.address = address;
        this.breaker = breaker;
        this.ticker = ticker;
    }

    /** Whether requests may be sent here now (the breaker still has its say). */
    boolean usable() {
        Connection c = connection;
        return !removed && c != null && c.isOpen();
    }

    /** Records how long a completed attempt took. */
    synchronized void observe(long nanos) {
        if (warmUp < WARM_UP_REPLIES) {
            warmUp++; // a cold server (or a cold client decoding its first reply) is slow at first
            return;
        }
        long now = ticker.nanoTime();
        double e = latencyNanos(now); // from the decayed estimate: an endpoint tried again after a quiet spell is judged afresh
        ewmaNanos = e == 0 ? Math.max(1, nanos) : Math.max(1, e + WEIGHT * (nanos - e));
        stampNanos = now;
    }

    /** The latency estimate, decayed for the time since the last observation; 0 before any counted. */
    double latencyNanos(long now) {
        double e = ewmaNanos;
        if (e == 0) {
            return 0;
        }
        long idle = now - stampNanos;
        return idle <= 0 ? e : e * Math.exp(-(double) idle / DECAY_NANOS);
    }

    /** Whether the breaker keeps requests away from this endpoint (open or half-open). */
    boolean ejected() {
        return breaker.state() != CircuitBreaker.State.CLOSED;
    }

    @Override
    public String toString() {
        return "endpoint " + address;
    }
}
