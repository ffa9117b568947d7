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
 * The race of {@link HandlerShareStress} on a deliberately broken lane: it reads the running
 * count, then takes the slot (check-then-act, no lock), so both submitters may pass the check.
 * Must be seen to fail by {@code run-jcstress.sh ... broken}; excluded from the suite.
 */
@JCStressTest
@Outcome(id = "1, 2, 0", expect = Expect.ACCEPTABLE, desc = "one task at a time, both ran, nothing left counted")
@Outcome(id = "2, .*", expect = Expect.FORBIDDEN, desc = "two tasks of a lane with a cap of 1 ran at once")
@Outcome(expect = Expect.FORBIDDEN, desc = "a task was lost or stranded, or the slot accounting leaked")
@State
public class HandlerShareStressBroken {

    private final AtomicInteger running = new AtomicInteger();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();
    private final AtomicInteger ran = new AtomicInteger();
    private final Runnable task = () -> {
        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
        inside.decrementAndGet();
        ran.incrementAndGet();
    };

    private void submit(Runnable t) {
        if (running.get() < 1) {          // check ...
            running.incrementAndGet();    // ... then act: both submitters may get here
            for (Runnable next = t; next != null; next = waiting.poll()) {
                next.run();
            }
            running.decrementAndGet();
        } else {
            waiting.add(t);
        }
    }

    @Actor
    public void connection1() {
        submit(task);
    }

    @Actor
    public void connection1Again() {
        submit(task);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = most.get();
        r.r2 = ran.get();
        r.r3 = running.get() + waiting.size();
    }
}
