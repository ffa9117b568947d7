package dev.strand.jcstress.resilience;

import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The race of {@link EventOncePerCall} on a deliberately broken bulkhead that reports the
 * admission inside its CAS retry loop, before each compare-and-set: a caller whose CAS lost
 * reports twice. Must be seen to fail; excluded from the suite.
 */
@JCStressTest
@Outcome(id = "1, 1, 2", expect = Expect.ACCEPTABLE, desc = "both admitted, one event each")
@Outcome(id = "1, 1, 3", expect = Expect.FORBIDDEN, desc = "a CAS retry fired an extra event")
@Outcome(expect = Expect.FORBIDDEN, desc = "a call was refused below the limit, or an event was lost")
@State
public class EventOncePerCallBroken {

    private static final int LIMIT = 2;

    private final AtomicInteger inUse = new AtomicInteger();
    private final AtomicInteger admitted = new AtomicInteger();

    private int call() {
        for (int n = inUse.get(); n < LIMIT; n = inUse.get()) {
            admitted.incrementAndGet();         // the event, fired inside the loop ...
            if (inUse.compareAndSet(n, n + 1)) { // ... before a CAS that may lose and retry
                return 1;
            }
        }
        return 0;
    }

    @Actor
    public void caller1(III_Result r) {
        r.r1 = call();
    }

    @Actor
    public void caller2(III_Result r) {
        r.r2 = call();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r3 = admitted.get();
    }
}
