package dev.strand.net;

import java.util.Map;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A request admitted concurrently with a server's graceful close ({@link Handlers#admit()}
 * racing {@link Handlers#drain()}) is either run and answered before the drain completes, or
 * refused (answered "shutting-down"); it is never lost (the drain then never completes) and
 * never runs after the drain completed. The admitted request goes through a connection's
 * {@link FairExecutor.Lane} as on a server (the executor runs it on the submitting thread).
 *
 * <p>r1: 1 if admitted, 0 if refused; r2: 1 if the drain completed; r3: whether the request
 * had been answered when the drain completed (-1: it never did). The broken variant
 * {@link RequestAdmissionStressBroken} checks the drain flag before counting the request
 * (check-then-act) and is seen to run a request after the drain completed.
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = Expect.ACCEPTABLE,
        desc = "admitted before the drain began: run and answered, then the drain completed")
@Outcome(id = "0, 1, 0", expect = Expect.ACCEPTABLE, desc = "refused with shutting-down: the drain had begun")
@Outcome(id = "1, 1, 0", expect = Expect.FORBIDDEN, desc = "admitted, and run after the drain completed")
@Outcome(expect = Expect.FORBIDDEN, desc = "the drain never completed: an admitted request was lost from the count")
@State
public class RequestAdmissionStress {

    private final Handlers handlers = new Handlers(null, Map.of(), Map.of(),
            new FairExecutor(Runnable::run, 1, 1), (connection, error) -> { });
    private final FairExecutor.Lane lane = handlers.lane(-1, () -> { });
    private volatile int answered;
    /** Written once by whichever actor completes the drain; the arbiter runs after both. */
    private int answeredAtDrain = -1;

    @Actor
    public void request(III_Result r) {
        if (handlers.admit()) {
            lane.submit(() -> {
                answered = 1;
                handlers.finish();
            });
            r.r1 = 1;
        } else {
            r.r1 = 0;
        }
    }

    @Actor
    public void close() {
        handlers.drain().thenRun(() -> answeredAtDrain = answered);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r2 = handlers.drain().isDone() ? 1 : 0;
        r.r3 = answeredAtDrain;
    }
}
