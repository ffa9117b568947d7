package dev.strand.jcstress.resilience;

import dev.strand.resilience.Bulkhead;
import dev.strand.resilience.PolicyEvent;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two callers enter a bulkhead of two permits at the same time, so their compare-and-sets on
 * the permit count may collide and one of them loops. Each call must report exactly one
 * {@code BULKHEAD_ADMITTED} event: the event fires after the CAS loop, not inside it.
 *
 * <p>r1, r2: 1 if that call was admitted; r3: BULKHEAD_ADMITTED events seen.
 * {@link EventOncePerCallBroken} fires the event inside the CAS loop and fails.
 */
@JCStressTest
@Outcome(id = "1, 1, 2", expect = Expect.ACCEPTABLE, desc = "both admitted, one event each")
@Outcome(id = "1, 1, 3", expect = Expect.FORBIDDEN, desc = "a CAS retry fired an extra event")
@Outcome(expect = Expect.FORBIDDEN, desc = "a call was refused below the limit, or an event was lost")
@State
public class EventOncePerCall {

    private final Bulkhead bulkhead = Bulkhead.of(2);
    private final AtomicInteger admitted = new AtomicInteger();

    public EventOncePerCall() {
        bulkhead.onEvent(e -> {
            if (e.type() == PolicyEvent.Type.BULKHEAD_ADMITTED) {
                admitted.incrementAndGet();
            }
        });
    }

    @Actor
    public void caller1(III_Result r) {
        r.r1 = bulkhead.call(() -> 1);
    }

    @Actor
    public void caller2(III_Result r) {
        r.r2 = bulkhead.call(() -> 1);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r3 = admitted.get();
    }
}
