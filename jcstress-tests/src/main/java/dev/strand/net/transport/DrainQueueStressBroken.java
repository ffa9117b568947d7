package dev.strand.net.transport;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * {@link DrainQueueStress} against a drain that clears the flag <em>after</em> polling (the
 * natural-looking order): a producer that offers after the last poll but before the flag is
 * cleared loses the CAS, and its item waits with no drain coming. Must be seen to fail;
 * excluded from the suite.
 */
@JCStressTest
@Outcome(id = {"0, 2", "1, 1", "1, 2"}, expect = Expect.ACCEPTABLE, desc = "every item taken or a drain scheduled")
@Outcome(id = "0, 1", expect = Expect.FORBIDDEN,
        desc = "the second item is stranded: taken by no drain and no drain scheduled")
@State
public class DrainQueueStressBroken {

    private final DrainQueue<Integer> queue = new DrainQueue<>();

    public DrainQueueStressBroken() {
        if (!queue.offer(1)) {
            throw new IllegalStateException("the first offer must claim the drain");
        }
    }

    @Actor
    public void producer(II_Result r) {
        r.r1 = queue.offer(2) ? 1 : 0;
    }

    @Actor
    public void drain(II_Result r) {
        int n = 0;
        while (queue.poll() != null) {
            n++;
        }
        queue.beginDrain(); // broken: too late, an offer between the last poll and here is stranded
        r.r2 = n;
    }
}
