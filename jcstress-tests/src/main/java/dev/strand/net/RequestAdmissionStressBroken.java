package dev.strand.net;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The race of {@link RequestAdmissionStress} on a deliberately broken admission: it reads the
 * drain flag <em>before</em> counting the request (check-then-act), so a close may find the
 * count at zero, complete its drain, and the request then runs anyway. Must be seen to fail by
 * {@code run-jcstress.sh ... broken}; excluded from the suite.
 */
@JCStressTest
@Outcome(id = {"1, 1, 1", "0, 1, 0"}, expect = Expect.ACCEPTABLE,
        desc = "run before the drain completed, or refused")
@Outcome(id = "1, 1, 0", expect = Expect.FORBIDDEN, desc = "admitted, and run after the drain completed")
@Outcome(expect = Expect.FORBIDDEN, desc = "the drain never completed: an admitted request was lost from the count")
@State
public class RequestAdmissionStressBroken {

    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean draining;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile int answered;
    private int answeredAtDrain = -1;

    private boolean admit() {
        if (draining) {               // check ...
            return false;
        }
        active.incrementAndGet();     // ... then act: the drain may have found 0 in between
        return true;
    }

    private void finish() {
        if (active.decrementAndGet() == 0 && draining) {
            drained.complete(null);
        }
    }

    @Actor
    public void request(III_Result r) {
        if (admit()) {
            answered = 1;
            finish();
            r.r1 = 1;
        } else {
            r.r1 = 0;
        }
    }

    @Actor
    public void close() {
        draining = true;
        if (active.get() == 0) {
            drained.complete(null);
        }
        drained.thenRun(() -> answeredAtDrain = answered);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r2 = drained.isDone() ? 1 : 0;
        r.r3 = answeredAtDrain;
    }
}
