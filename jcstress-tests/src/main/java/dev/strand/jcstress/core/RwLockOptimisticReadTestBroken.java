package dev.strand.jcstress.core;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The broken variant of {@link RwLockOptimisticReadTest}: the reader reads the pair without the
 * sequence-lock validation (what {@code readOptimistic} would be without its version check), so
 * it can land between the writer's two stores. Must show [FAILED]; excluded from the suite.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "read entirely before the write")
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "read entirely after the write")
@Outcome(id = {"1, 0", "0, 1"}, expect = Expect.FORBIDDEN,
        desc = "torn: the unvalidated read saw half of the write")
@State
public class RwLockOptimisticReadTestBroken {
    int a;
    int b;

    @Actor
    public void writer() {
        a = 1;
        b = 1;
    }

    @Actor
    public void reader(II_Result r) {
        r.r1 = a;
        r.r2 = b;
    }
}
