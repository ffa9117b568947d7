package dev.strand.net;

import dev.strand.resilience.CircuitBreaker;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The race of {@link EjectionCapStress} on a deliberately broken cap: it numbers and counts the
 * ejected endpoints without a lock (check-then-act), so two breakers opening together may each
 * count only itself as out and both stay out. Must be seen to fail by
 * {@code run-jcstress.sh ... broken}; excluded from the suite.
 */
@JCStressTest
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "one out, the other taken back in by the cap")
@Outcome(id = {"2, 0", "2, 1", "2, 2", "2, 3"}, expect = Expect.FORBIDDEN,
        desc = "two of three out: the cap was passed")
@Outcome(id = {"0, 0", "0, 1", "0, 2", "0, 3"}, expect = Expect.FORBIDDEN,
        desc = "both taken back in: an ejection within the cap undone")
@Outcome(expect = Expect.FORBIDDEN, desc = "the cap's count disagrees with the breakers")
@State
public class EjectionCapStressBroken {

    private final ClusterEndpoint a = EjectionCapStress.endpoint(1);
    private final ClusterEndpoint b = EjectionCapStress.endpoint(2);
    private final ClusterEndpoint c = EjectionCapStress.endpoint(3);
    private final ClusterEndpoint[] all = {a, b, c};

    public EjectionCapStressBroken() {
        new BrokenCap(all);
    }

    /** {@link EjectionCap} without its lock. */
    private static final class BrokenCap {
        private final ClusterEndpoint[] all;
        private long ejections;

        BrokenCap(ClusterEndpoint[] all) {
            this.all = all;
            for (ClusterEndpoint e : all) {
                e.breaker.onStateChange(t -> changed(e));
            }
        }

        private void changed(ClusterEndpoint e) {
            if (e.breaker.state() == CircuitBreaker.State.CLOSED) {
                e.ejectedOrder = 0;
            } else if (e.ejectedOrder == 0) {
                e.ejectedOrder = ++ejections;
                enforce();
            }
        }

        /** Count, then act on a count that may be stale. */
        private void enforce() {
            int ejected = 0;
            ClusterEndpoint newest = null;
            for (ClusterEndpoint x : all) {
                if (x.ejectedOrder != 0) {
                    ejected++;
                    if (newest == null || x.ejectedOrder > newest.ejectedOrder) {
                        newest = x;
                    }
                }
            }
            if (ejected > EjectionCap.maxEjected(all.length, 50)) {
                newest.ejectedOrder = 0;
                newest.breaker.reset();
            }
        }
    }

    @Actor
    public void openA() {
        a.breaker.forceOpen();
    }

    @Actor
    public void openB() {
        b.breaker.forceOpen();
    }

    @Arbiter
    public void count(II_Result r) {
        EjectionCapStress.count(r, all);
    }
}
