package dev.strand.net;

import dev.strand.resilience.CircuitBreaker;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The cap on outlier ejection of a {@link Cluster}, as gRPC A50's {@code max_ejection_percent}:
 * at most a share of the endpoints is ejected (its breaker not CLOSED) at once, and never all.
 *
 * <p>Overview. Each endpoint's breaker tells this cap of every transition ({@link #watch}).
 * When a breaker leaves CLOSED, its endpoint gets the next number in the order of ejections;
 * then, while more endpoints than the cap are out, the newest ejected one is taken back in: its
 * number cleared and its breaker reset. The endpoints ejected first stay out, as A50 would not
 * have ejected the later ones. Numbering and counting happen under the cluster's lock, so two
 * breakers opening at once are counted one after the other and exactly the one beyond the cap
 * is reset; the resets run after the lock is released (a reset runs the breaker's listeners,
 * this one included). Listeners of quick transitions may run out of order, so each reads the
 * breaker's state when it runs rather than the transition it was told of: the listener of the
 * last transition sees the last state.
 *
 * <p>Between a breaker's opening and the reset by the thread that opened it, the endpoint is
 * briefly out beyond the cap: a request choosing an endpoint at that instant passes it by.
 *
 * <p>Thread-safe: state is guarded by the cluster's lock.
 */
final class EjectionCap {

    private static final System.Logger LOG = System.getLogger("dev.strand.net");

    private final Object lock;
    private final Supplier<ClusterEndpoint[]> endpoints;
    private final int maxEjectionPercent;
    /** Ejections so far: numbers the ejected endpoints, newest highest. Guarded by {@code lock}. */
    private long ejections;

    /**
     * @param lock               the lock that guards changes to the endpoints
     * @param endpoints          the endpoints now
     * @param maxEjectionPercent in [0, 100]
     */
    EjectionCap(Object lock, Supplier<ClusterEndpoint[]> endpoints, int maxEjectionPercent) {
        this.lock = lock;
        this.endpoints = endpoints;
        this.maxEjectionPercent = maxEjectionPercent;
    }

    /**
     * The most endpoints of {@code n} that may be ejected at once: {@code maxEjectionPercent} of
     * them rounded down, and never all.
     */
    static int maxEjected(int n, int maxEjectionPercent) {
        return Math.min(Math.max(0, n - 1), (int) ((long) n * maxEjectionPercent / 100));
    }

    /** Follows {@code e}'s breaker from now on; call once it is among the endpoints, without the lock. */
    void watch(ClusterEndpoint e) {
        e.breaker.onStateChange(t -> changed(e));
        changed(e); // a breaker may come open from the factory
    }

    /** After a transition of {@code e}'s breaker, on the thread that made it. */
    void changed(ClusterEndpoint e) {
        boolean newlyOut = false;
        synchronized (lock) {
            if (e.breaker.state() == CircuitBreaker.State.CLOSED) {
                e.ejectedOrder = 0;
            } else if (e.ejectedOrder == 0) {
                e.ejectedOrder = ++ejections;
                newlyOut = true;
            }
        }
        if (newlyOut) {
            enforce();
        }
    }

    /** Takes the newest ejected endpoints back in while more than the cap are out; without the lock. */
    void enforce() {
        List<ClusterEndpoint> readmit = new ArrayList<>(1);
        synchronized (lock) {
            ClusterEndpoint[] all = endpoints.get();
            int ejected = 0;
            for (ClusterEndpoint x : all) {
                if (x.ejectedOrder != 0) {
                    ejected++;
                }
            }
            for (int over = ejected - maxEjected(all.length, maxEjectionPercent); over > 0; over--) {
                ClusterEndpoint newest = null;
                for (ClusterEndpoint x : all) {
                    if (x.ejectedOrder != 0 && (newest == null || x.ejectedOrder > newest.ejectedOrder)) {
                        newest = x;
                    }
                }
                newest.ejectedOrder = 0; // in from now on, whatever its breaker says until the reset
                readmit.add(newest);
            }
        }
        for (ClusterEndpoint x : readmit) {
            LOG.log(Level.DEBUG, () -> "strand-net: cluster keeps " + x.address + " in: ejecting it would pass "
                    + maxEjectionPercent + "% of the endpoints");
            x.breaker.reset();
        }
    }
}
