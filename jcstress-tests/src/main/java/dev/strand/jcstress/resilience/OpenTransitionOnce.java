package dev.strand.jcstress.resilience;

import dev.strand.core.ManualTicker;
import dev.strand.resilience.CircuitBreaker;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two callers record a failure at the same time into a CLOSED breaker that opens on any single
 * failure. Both may see the threshold reached; the CLOSED -> OPEN transition must fire once,
 * and each caller, right after its own failure is recorded, must read the state OPEN (the
 * transition it made, or the one that beat it, is visible to it).
 *
 * <p>r1, r2: 1 if that caller then read OPEN; r3: CLOSED -> OPEN transitions fired.
 * {@link OpenTransitionOnceBroken} runs the same race on a check-then-act breaker and fails.
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = Expect.ACCEPTABLE,
        desc = "the breaker opened once and both callers see it OPEN after their failure")
@Outcome(id = ".*, .*, 2", expect = Expect.FORBIDDEN, desc = "the CLOSED -> OPEN transition fired twice")
@Outcome(expect = Expect.FORBIDDEN, desc = "a caller read a stale CLOSED after its failure opened the breaker, or no transition")
@State
public class OpenTransitionOnce {

    private final CircuitBreaker cb = CircuitBreaker.builder().ticker(new ManualTicker())
            .slidingWindow(2).minimumCalls(1).failureRateThreshold(1.0).build();
    private final AtomicInteger opened = new AtomicInteger();

    public OpenTransitionOnce() {
        cb.onStateChange(t -> {
            if (t.to() == CircuitBreaker.State.OPEN) {
                opened.incrementAndGet();
            }
        });
    }

    private int failThenRead() {
        if (cb.tryAcquire()) {
            cb.onFailure(0, new IllegalStateException("down"));
        }
        return cb.state() == CircuitBreaker.State.OPEN ? 1 : 0;
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
