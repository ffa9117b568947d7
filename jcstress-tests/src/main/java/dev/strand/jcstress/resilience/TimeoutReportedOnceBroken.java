package dev.strand.jcstress.resilience;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The race of {@link TimeoutReportedOnce} on a deliberately broken timeout whose timer checks
 * that the future is not done, reports, then completes it: the call may complete in between,
 * so a timeout is reported for a call that returned its value. Must be seen to fail; excluded
 * from the suite.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "the call won: its value, no event")
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "the timeout won: one event")
@Outcome(id = "0, 1", expect = Expect.FORBIDDEN, desc = "a timeout reported for a call that returned")
@Outcome(expect = Expect.FORBIDDEN, desc = "a timeout not reported, or reported twice")
@State
public class TimeoutReportedOnceBroken {

    private final CompletableFuture<String> out = new CompletableFuture<>();
    private final AtomicInteger events = new AtomicInteger();

    @Actor
    public void callCompletes() {
        out.complete("ok");
    }

    @Actor
    public void timerFires() {
        if (!out.isDone()) {              // check ...
            events.incrementAndGet();     // ... report ...
            out.completeExceptionally(new IllegalStateException("timed out")); // ... then act
        }
    }

    @Arbiter
    public void arbiter(II_Result r) {
        r.r1 = out.isCompletedExceptionally() ? 1 : 0;
        r.r2 = events.get();
    }
}
