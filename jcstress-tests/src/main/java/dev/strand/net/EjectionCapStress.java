package dev.strand.net;

import dev.strand.core.ManualTicker;
import dev.strand.resilience.CircuitBreaker;
import java.net.InetSocketAddress;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A {@link Cluster}'s {@link EjectionCap} holds when breakers open at once: of three endpoints
 * (50 %: one may be out), the breakers of two open on two threads together. Exactly one must
 * stay out and the other be taken back in (its breaker reset): never both out (the cap
 * passed), never both in (an ejection within the cap undone), and the cap's count of ejected
 * endpoints must agree with the breakers. The broken variant,
 * {@link EjectionCapStressBroken}, counts without the lock and is seen to let both out.
 */
@JCStressTest
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "one out, the other taken back in by the cap")
@Outcome(id = {"2, 0", "2, 1", "2, 2", "2, 3"}, expect = Expect.FORBIDDEN,
        desc = "two of three out: the cap was passed")
@Outcome(id = {"0, 0", "0, 1", "0, 2", "0, 3"}, expect = Expect.FORBIDDEN,
        desc = "both taken back in: an ejection within the cap undone")
@Outcome(expect = Expect.FORBIDDEN, desc = "the cap's count disagrees with the breakers")
@State
public class EjectionCapStress {

    private final ClusterEndpoint a = endpoint(1);
    private final ClusterEndpoint b = endpoint(2);
    private final ClusterEndpoint c = endpoint(3);

    public EjectionCapStress() {
        ClusterEndpoint[] all = {a, b, c};
        EjectionCap cap = new EjectionCap(new Object(), () -> all, 50);
        for (ClusterEndpoint e : all) {
            cap.watch(e);
        }
    }

    static ClusterEndpoint endpoint(int port) {
        ManualTicker ticker = new ManualTicker(); // never reaches an open duration
        return new ClusterEndpoint(InetSocketAddress.createUnresolved("replica", port),
                CircuitBreaker.builder().ticker(ticker).build(), ticker);
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
        count(r, a, b, c);
    }

    /** Endpoints out by their breakers (r1), and by the cap's count (r2); the actors are done. */
    static void count(II_Result r, ClusterEndpoint... endpoints) {
        int out = 0;
        int counted = 0;
        for (ClusterEndpoint e : endpoints) {
            out += e.breaker.state() != CircuitBreaker.State.CLOSED ? 1 : 0;
            counted += e.ejectedOrder != 0 ? 1 : 0;
        }
        r.r1 = out;
        r.r2 = counted;
    }
}
