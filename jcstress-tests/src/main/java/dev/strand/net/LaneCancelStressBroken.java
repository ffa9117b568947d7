package dev.strand.net;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The race of {@link LaneCancelStress} on a deliberately broken lane: its worker looks at the
 * next task ({@code peek}), runs it, and only then takes it off the queue, instead of taking it
 * under the lane's lock before running it (as {@link FairExecutor} does); a cancel that removes
 * it in between does not stop it. Must be seen to fail by {@code run-jcstress.sh ... broken};
 * excluded from the suite.
 */
@JCStressTest
@Outcome(id = {"1, 0, 0", "0, 1, 0"}, expect = Expect.ACCEPTABLE,
        desc = "the worker took it first and ran it, or the cancel removed it first and it never ran")
@Outcome(id = "1, 1, .*", expect = Expect.FORBIDDEN, desc = "a removed (cancelled) request ran")
@Outcome(expect = Expect.FORBIDDEN, desc = "the request was lost, or the lane's accounting leaked")
@State
public class LaneCancelStressBroken {

    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger ran = new AtomicInteger();
    private final Runnable waiting = ran::incrementAndGet;
    private int removed;

    public LaneCancelStressBroken() {
        queue.add(waiting);
    }

    @Actor
    public void workerThread() {
        Runnable next = queue.peek(); // looks ...
        if (next != null) {
            next.run(); // ... runs ...
            queue.remove(next); // ... and only then takes it
        }
    }

    @Actor
    public void eventLoop() {
        removed = queue.remove(waiting) ? 1 : 0;
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = ran.get();
        r.r2 = removed;
        r.r3 = queue.size();
    }
}
