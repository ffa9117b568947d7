package dev.strand.jcstress.core;

import dev.strand.core.RwLock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * {@link RwLock#readOptimistic} never returns a result computed from a half-done write: a
 * writer sets {@code a} then {@code b} under the write lock; an optimistic reader reads
 * {@code a} then {@code b} without locking. The sequence-lock validation must discard any run
 * that overlapped the write. {@link RwLockOptimisticReadTestBroken} reads the same pair without
 * validation and is seen to fail with the torn outcome (1, 0).
 */
@JCStressTest
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "read entirely before the write")
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "read entirely after the write")
@Outcome(id = {"1, 0", "0, 1"}, expect = Expect.FORBIDDEN,
        desc = "torn: the optimistic read returned a state no writer left")
@State
public class RwLockOptimisticReadTest {

    static final class Pair {
        int a;
        int b;
    }

    private final RwLock<Pair> lock = new RwLock<>(new Pair());

    @Actor
    public void writer() {
        lock.write(p -> {
            p.a = 1;
            p.b = 1;
            return null;
        });
    }

    @Actor
    public void reader(II_Result r) {
        long both = lock.readOptimistic(p -> ((long) p.a << 32) | p.b);
        r.r1 = (int) (both >>> 32);
        r.r2 = (int) both;
    }
}
