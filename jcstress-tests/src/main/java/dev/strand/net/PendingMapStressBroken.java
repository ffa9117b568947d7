package dev.strand.net;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The race of {@link PendingMapStress} on a deliberately broken map: a slot is emptied with a
 * read and a plain store ({@code get}, then {@code set(null)}) instead of a compare-and-set
 * from the entry read, so two removers that both read the entry both take it. Must be seen to
 * fail by {@code run-jcstress.sh ... broken}; excluded from the suite.
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = Expect.ACCEPTABLE, desc = "every entry taken once")
@Outcome(expect = Expect.FORBIDDEN, desc = "an entry taken twice, or left in the map")
@State
public class PendingMapStressBroken {

    private static final int SLOTS = 4;
    private static final long IN_SLOT = 1;
    private static final long OLDER = 2;
    private static final long IN_OVERFLOW = 2 + SLOTS;

    private final AtomicReferenceArray<Long> slots = new AtomicReferenceArray<>(SLOTS);
    private final Map<Long, Long> overflow = new ConcurrentHashMap<>();
    private int slotTaken;
    private int overflowTaken;
    private int olderTaken;

    public PendingMapStressBroken() {
        put(IN_SLOT);
        put(OLDER);
        put(IN_OVERFLOW);
    }

    private void put(long id) {
        if (!slots.compareAndSet((int) id & (SLOTS - 1), null, id)) {
            overflow.put(id, id);
        }
    }

    private Long remove(long id) {
        int i = (int) id & (SLOTS - 1);
        Long p = slots.get(i);
        if (p != null && p == id) {
            slots.set(i, null); // broken: not a compare-and-set from p
            return p;
        }
        return overflow.remove(id);
    }

    private void removeAll() {
        for (int i = 0; i < SLOTS; i++) {
            Long p = slots.get(i);
            if (p != null) {
                slots.set(i, null); // broken, as above
                took(p);
            }
        }
        for (Long p : overflow.values()) {
            if (overflow.remove(p, p)) {
                took(p);
            }
        }
    }

    private synchronized void took(Long p) {
        if (p == null) {
            return;
        }
        if (p == IN_SLOT) {
            slotTaken++;
        } else if (p == IN_OVERFLOW) {
            overflowTaken++;
        } else if (p == OLDER) {
            olderTaken++;
        }
    }

    @Actor
    public void reply() {
        took(remove(IN_SLOT));
        took(remove(IN_OVERFLOW));
    }

    @Actor
    public void deadlineThenEnd() {
        took(remove(IN_SLOT));
        removeAll();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        removeAll();
        r.r1 = slotTaken;
        r.r2 = overflowTaken;
        r.r3 = olderTaken;
    }
}
