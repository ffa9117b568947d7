package dev.strand.net;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A peer's cancel removes a request waiting in its connection's lane ({@link FairExecutor.Lane},
 * cap 1) while a worker finishes the task before it and takes the next: the waiting request
 * either runs or is removed, never both and never neither, and the lane's counts end at zero.
 * The worker is handed to a field rather than started, so the actor that runs it is the
 * worker thread.
 *
 * <p>r1: times the waiting task ran; r2: times it was removed; r3: tasks still counted as
 * running or waiting at the end. The broken variant {@link LaneCancelStressBroken} takes a
 * task off its queue only after running it, and is seen to run a task it also removed.
 */
@JCStressTest
@Outcome(id = {"1, 0, 0", "0, 1, 0"}, expect = Expect.ACCEPTABLE,
        desc = "the worker took it first and ran it, or the cancel removed it first and it never ran")
@Outcome(id = "1, 1, .*", expect = Expect.FORBIDDEN, desc = "a removed (cancelled) request ran")
@Outcome(expect = Expect.FORBIDDEN, desc = "the request was lost, or the lane's accounting leaked")
@State
public class LaneCancelStress {

    private Runnable worker;
    private final FairExecutor fair = new FairExecutor(r -> worker = r, FairExecutor.UNBOUNDED, 1);
    private final FairExecutor.Lane lane = fair.lane(-1, () -> { });
    private final AtomicInteger ran = new AtomicInteger();
    private final Runnable waiting = ran::incrementAndGet;
    private int removed;

    public LaneCancelStress() {
        lane.submit(() -> { }); // takes the lane's one slot: its worker is parked in `worker`
        lane.submit(waiting); // the lane is full: this one waits
    }

    @Actor
    public void workerThread() {
        worker.run(); // the first task, then whatever still waits in the lane
    }

    @Actor
    public void eventLoop() {
        List<Runnable> r = lane.removeWaiting(t -> t == waiting);
        removed = r.size();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = ran.get();
        r.r2 = removed;
        r.r3 = lane.running() + lane.waiting();
    }
}
