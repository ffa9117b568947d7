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
 * The race of {@link OpenTransitionOnce} on a deliberately broken breaker that decides the
 * transition with check-then-act on a volatile state instead of a CAS: both recorders may see
 * CLOSED and both fire the transition. Must be seen to fail; excluded from the suite.
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = Expect.ACCEPTABLE,
        desc = "the breaker opened once and both callers see it OPEN after their failure")
@Outcome(id = ".*, .*, 2", expect = Expect.FORBIDDEN, desc = "the CLOSED -> OPEN transition fired twice")
@Outcome(expect = Expect.FORBIDDEN, desc = "a caller read a stale CLOSED after its failure opened the breaker, or no transition")
@State
public class OpenTransitionOnceBroken {

    private static final int CLOSED = 0;
    private static final int OPEN = 1;

    private volatile int state = CLOSED;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();

    private int failThenRead() {
        if (failures.incrementAndGet() >= 1 && state == CLOSED) { // check ...
            state = OPEN;                                           // ... then act
            opened.incrementAndGet();
        }
        return state == OPEN ? 1 : 0;
    }

    @Actor
    public void caller1(III_Result r) {
        r.r1 = failThenRead();
    }

    @Actor
    public void caller2(III_Result r) {
        r.r2 = failThenRead();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r3 = opened.get();
    }
}
