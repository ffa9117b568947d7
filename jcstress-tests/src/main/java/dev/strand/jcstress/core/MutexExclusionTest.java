package dev.strand.jcstress.core;

import dev.strand.core.Mutex;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * {@link Mutex} excludes: two threads increment a plain {@code int[]} cell, one through
 * {@code update}, one through a guard; the arbiter must see both increments, and each thread
 * must have seen the value before or after the other's increment, never a lost one.
 * {@link MutexExclusionTestBroken} does the same without the mutex and is seen to fail.
 */
@JCStressTest
@Outcome(id = {"1, 2", "2, 1"}, expect = Expect.ACCEPTABLE, desc = "one increment after the other")
@Outcome(expect = Expect.FORBIDDEN, desc = "an increment was lost: both threads were inside at once")
@State
public class MutexExclusionTest {

    private final Mutex<int[]> cell = new Mutex<>(new int[1]);
    private int seenByA;
    private int seenByB;

    @Actor
    public void a() {
        seenByA = cell.with(c -> ++c[0]);
    }

    @Actor
    public void b() {
        try (Mutex.Guard<int[]> g = cell.lock()) {
            seenByB = ++g.get()[0];
        }
    }

    @Arbiter
    public void arbiter(II_Result r) {
        int total = cell.with(c -> c[0]);
        // Report each thread's view; a total other than 2 shows up as a FORBIDDEN pair.
        r.r1 = total == 2 ? seenByA : -seenByA;
        r.r2 = total == 2 ? seenByB : -seenByB;
    }
}
