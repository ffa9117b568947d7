package dev.strand.net;

import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A connection's share of the handler pool ({@link FairExecutor.Lane}, cap 1) is never
 * exceeded and never loses a task: two threads submit a task each to the same lane at once.
 * The executor runs workers on the submitting thread, so the task that finds the lane full
 * waits and is run by the worker of the other one when it finishes.
 *
 * <p>r1: the most tasks of the lane seen running at once; r2: tasks run; r3: tasks still
 * counted as running or waiting at the end. The broken variant
 * {@link HandlerShareStressBroken} checks the cap before taking the slot (check-then-act)
 * and is seen to run two at once.
 */
@JCStressTest
@Outcome(id = "1, 2, 0", expect = Expect.ACCEPTABLE, desc = "one task at a time, both ran, nothing left counted")
@Outcome(id = "2, .*", expect = Expect.FORBIDDEN, desc = "two tasks of a lane with a cap of 1 ran at once")
@Outcome(expect = Expect.FORBIDDEN, desc = "a task was lost or stranded, or the slot accounting leaked")
@State
public class HandlerShareStress {

    private final FairExecutor fair = new FairExecutor(Runnable::run, FairExecutor.UNBOUNDED, 1);
    private final FairExecutor.Lane lane = fair.lane(-1, () -> { });
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();
    private final AtomicInteger ran = new AtomicInteger();
    private final Runnable task = () -> {
        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
        inside.decrementAndGet();
        ran.incrementAndGet();
    };

    @Actor
    public void connection1() {
        lane.submit(task);
    }

    @Actor
    public void connection1Again() {
        lane.submit(task);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = most.get();
        r.r2 = ran.get();
        r.r3 = lane.running() + lane.waiting();
    }
}
