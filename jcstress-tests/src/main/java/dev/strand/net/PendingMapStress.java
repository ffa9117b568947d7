package dev.strand.net;

import java.util.concurrent.CompletableFuture;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * {@link PendingMap} hands each entry to exactly one remover: a reply ({@code remove(id)})
 * races the deadline ({@code remove(entry)}) for an entry in its slot, and the connection's end
 * ({@code removeAll}, which follows the deadline) for it and for one in the overflow map (its
 * slot taken by an older request still waiting). {@code r1}/{@code r2}/{@code r3} = how many times the slot entry,
 * the overflow entry and the older entry were taken (each must be exactly 1).
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = Expect.ACCEPTABLE, desc = "every entry taken once")
@Outcome(expect = Expect.FORBIDDEN, desc = "an entry taken twice, or left in the map")
@State
public class PendingMapStress {

    private final PendingMap map = new PendingMap();
    private final PendingRequests owner = new PendingRequests(16, new RequestListeners(), () -> null, e -> { });
    /** Id 1: its slot. */
    private final PendingRequests.Pending<String> inSlot = entry(1);
    /** Id 2: its slot, which id 2 + SLOTS then finds taken. */
    private final PendingRequests.Pending<String> older = entry(2);
    private final PendingRequests.Pending<String> inOverflow = entry(2 + PendingMap.SLOTS);
    private int slotTaken;
    private int overflowTaken;
    private int olderTaken;

    public PendingMapStress() {
        map.put(inSlot);
        map.put(older);
        map.put(inOverflow);
    }

    private PendingRequests.Pending<String> entry(long id) {
        return new PendingRequests.Pending<>(owner, id, String.class, "request");
    }

    /** Counts one taking of {@code p} (synchronized: the counts are the arbiter's, not the race). */
    private synchronized void took(CompletableFuture<?> p) {
        if (p == inSlot) {
            slotTaken++;
        } else if (p == inOverflow) {
            overflowTaken++;
        } else if (p == older) {
            olderTaken++;
        }
    }

    @Actor
    public void reply() {
        took(map.remove(inSlot.id));
        took(map.remove(inOverflow.id));
    }

    @Actor
    public void deadlineThenEnd() {
        if (map.remove(inSlot)) {
            took(inSlot);
        }
        map.removeAll(this::took);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        map.removeAll(this::took); // what nobody took is taken here, once
        r.r1 = slotTaken;
        r.r2 = overflowTaken;
        r.r3 = olderTaken;
    }
}
