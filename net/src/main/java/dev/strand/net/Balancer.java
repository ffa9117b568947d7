package dev.strand.net;

import dev.strand.core.Ticker;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a {@link Cluster} chooses the endpoint of each attempt: among the connected endpoints not
 * yet tried, by {@link Cluster.Balancing#POWER_OF_TWO_CHOICES} (two drawn at random, the cheaper
 * one, cost = latency estimate times outstanding requests plus one) or
 * {@link Cluster.Balancing#ROUND_ROBIN}; an endpoint counts only if its circuit breaker permits
 * the call. When the first choice is refused, the other draw, then every endpoint in turn, is
 * asked.
 *
 * <p>Thread-safe: the round-robin position is atomic; the rest reads the endpoints' own
 * thread-safe state.
 */
final class Balancer {

    private final Cluster.Balancing balancing;
    private final Ticker ticker;
    private final AtomicInteger next = new AtomicInteger();

    Balancer(Cluster.Balancing balancing, Ticker ticker) {
        this.balancing = balancing;
        this.ticker = ticker;
    }

    /**
     * Chooses an endpoint not in {@code tried} whose breaker permits a call (the permit is
     * taken), or null.
     */
    ClusterEndpoint pick(ClusterEndpoint[] all, List<ClusterEndpoint> tried) {
        ClusterEndpoint[] usable = new ClusterEndpoint[all.length];
        int n = 0;
        for (ClusterEndpoint e : all) {
            if (e.usable() && (tried == null || !tried.contains(e))) {
                usable[n++] = e;
            }
        }
        if (n == 0) {
            return null;
        }
        int start;
        if (balancing == Cluster.Balancing.ROUND_ROBIN || n == 1) {
            start = Math.floorMod(next.getAndIncrement(), n);
        } else {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int a = random.nextInt(n);
            int b = random.nextInt(n - 1);
            if (b >= a) {
                b++;
            }
            long now = ticker.nanoTime();
            start = cheaper(usable[a], usable[b], now) ? a : b;
            int other = start == a ? b : a;
            if (usable[start].breaker.tryAcquire()) {
                return usable[start];
            }
            if (usable[other].breaker.tryAcquire()) {
                return usable[other];
            }
        }
        for (int i = 0; i < n; i++) {
            ClusterEndpoint e = usable[(start + i) % n];
            if (e.breaker.tryAcquire()) {
                return e;
            }
        }
        return null;
    }

    /** Whether {@code a} costs no more than {@code b}: latency estimate times (outstanding + 1). */
    private static boolean cheaper(ClusterEndpoint a, ClusterEndpoint b, long now) {
        double la = a.latencyNanos(now);
        double lb = b.latencyNanos(now);
        if (la == 0 || lb == 0) {
            la = lb = 1; // one has no estimate yet: compare outstanding requests alone
        }
        return la * (a.inFlight.get() + 1) <= lb * (b.inFlight.get() + 1);
    }
}
