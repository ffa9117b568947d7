package dev.strand.jcstress.core;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The broken variant of {@link MutexExclusionTest}: the same increments with no mutex. Must show
 * [FAILED] (a lost increment); excluded from the suite.
 */
@JCStressTest
@Outcome(id = {"1, 2", "2, 1"}, expect = Expect.ACCEPTABLE, desc = "one increment after the other")
@Outcome(expect = Expect.FORBIDDEN, desc = "an increment was lost: both threads were inside at once")
@State
public class MutexExclusionTestBroken {

    private final int[] cell = new int[1];
    private int seenByA;
    private int seenByB;

    @Actor
    public void a() {
        seenByA = ++cell[0];
    }

    @Actor
    public void b() {
        seenByB = ++cell[0];
    }

    @Arbiter
    public void arbiter(II_Result r) {
        int total = cell[0];
        r.r1 = total == 2 ? seenByA : -seenByA;
        r.r2 = total == 2 ? seenByB : -seenByB;
    }
}
