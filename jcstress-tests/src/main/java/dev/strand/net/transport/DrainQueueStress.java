package dev.strand.net.transport;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * {@link DrainQueue}, the outbound queue of every net connection: a frame offered while a
 * drain is running is either taken by that drain or makes its producer schedule the next one;
 * it is never left in the queue with no drain coming.
 *
 * <p>State: one item was offered before the race (its drain is pending). The producer actor
 * offers a second item and reports whether it must schedule a drain; the drain actor begins
 * and polls until empty, reporting how many it took. In the package of {@code DrainQueue},
 * which net's module descriptor does not export. The broken variant {@link DrainQueueStressBroken}
 * clears the flag after polling and is seen to strand the item.
 */
@JCStressTest
@Outcome(id = "0, 2", expect = Expect.ACCEPTABLE, desc = "the running drain took both items")
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE,
        desc = "the drain took the first item; the producer schedules a drain for the second")
@Outcome(id = "1, 2", expect = Expect.ACCEPTABLE,
        desc = "the drain took both and the producer schedules a spare drain (finds nothing)")
@Outcome(id = "0, 1", expect = Expect.FORBIDDEN,
        desc = "the second item is stranded: taken by no drain and no drain scheduled")
@State
public class DrainQueueStress {

    private final DrainQueue<Integer> queue = new DrainQueue<>();

    public DrainQueueStress() {
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
        queue.beginDrain();
        int n = 0;
        while (queue.poll() != null) {
            n++;
        }
        r.r2 = n;
    }
}
