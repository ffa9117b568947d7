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
 * The race of {@link HalfOpenPermitRace} on a deliberately broken breaker: the OPEN -> HALF_OPEN
 * move and the permit count are check-then-act on volatiles instead of CAS. Must be seen to fail
 * (two trials, or two transitions) by {@code run-jcstress.sh ... broken}; excluded from the suite.
 */
@JCStressTest
@Outcome(id = {"1, 0, 1", "0, 1, 1"}, expect = Expect.ACCEPTABLE,
        desc = "one caller got the single trial permit; the breaker went HALF_OPEN once")
@Outcome(id = "1, 1, .*", expect = Expect.FORBIDDEN, desc = "two trial calls let through with one permit")
@Outcome(id = "0, 0, .*", expect = Expect.FORBIDDEN, desc = "no caller got the free trial permit")
@Outcome(expect = Expect.FORBIDDEN, desc = "the OPEN -> HALF_OPEN transition fired twice (or never)")
@State
public class HalfOpenPermitRaceBroken {

    private static final int OPEN = 1;
    private static final int HALF_OPEN = 2;

    private volatile int state = OPEN;
    private volatile int permits = 1;
    private final AtomicInteger toHalfOpen = new AtomicInteger();

    private boolean tryAcquire() {
        if (state == OPEN) {          // check ...
            state = HALF_OPEN;        // ... then act: both callers may get here
            toHalfOpen.incrementAndGet();
        }
        if (permits > 0) {            // check ...
            permits = permits - 1;    // ... then act: both may take the last permit
            return true;
        }
        return false;
    }

    @Actor
    public void caller1(III_Result r) {
        r.r1 = tryAcquire() ? 1 : 0;
    }

    @Actor
    public void caller2(III_Result r) {
        r.r2 = tryAcquire() ? 1 : 0;
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r3 = toHalfOpen.get();
    }
}
