package dev.strand.net;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The waiting requests of one {@link PendingRequests} by id, without an allocation or a lock
 * per request in the usual case: an entry goes into slot {@code id mod SLOTS} when that slot is
 * free, else into an overflow map, and stays where it went until it is removed. Ids are taken
 * in sequence, so a slot is taken only while the request {@code SLOTS} ids older still waits:
 * with fewer than {@code SLOTS} requests in flight, never.
 *
 * <p>Thread-safe. Each entry is removed at most once: a slot is emptied by compare-and-set
 * from the entry it holds, an overflow entry by the map's atomic remove. Every operation on a
 * slot is a volatile access, so a put followed by a read of another volatile variable is
 * ordered as with a concurrent map (what {@link PendingRequests#failAll} relies on).
 */
final class PendingMap {

    /** Slots per map: a power of two. */
    static final int SLOTS = 256;

    private final AtomicReferenceArray<PendingRequests.Pending<?>> slots = new AtomicReferenceArray<>(SLOTS);
    private final Map<Long, PendingRequests.Pending<?>> overflow = new ConcurrentHashMap<>();

    private static int slot(long id) {
        return (int) id & (SLOTS - 1);
    }

    /** Adds {@code p}, whose id is not in the map. */
    void put(PendingRequests.Pending<?> p) {
        if (!slots.compareAndSet(slot(p.id), null, p)) {
            overflow.put(p.id, p);
        }
    }

    /** The entry with {@code id}, or null; does not remove it. */
    PendingRequests.Pending<?> get(long id) {
        PendingRequests.Pending<?> p = slots.get(slot(id));
        if (p != null && p.id == id) {
            return p;
        }
        return overflow.isEmpty() ? null : overflow.get(id);
    }

    /** Removes and returns the entry with {@code id}; null if none (or another caller removed it). */
    PendingRequests.Pending<?> remove(long id) {
        int i = slot(id);
        PendingRequests.Pending<?> p = slots.get(i);
        if (p != null && p.id == id) {
            return slots.compareAndSet(i, p, null) ? p : null;
        }
        // Not in its slot: in the overflow map, or gone.
        return overflow.isEmpty() ? null : overflow.remove(id);
    }

    /** Removes {@code p} itself; false if it was not in the map (or another caller removed it). */
    boolean remove(PendingRequests.Pending<?> p) {
        int i = slot(p.id);
        if (slots.get(i) == p) {
            return slots.compareAndSet(i, p, null);
        }
        return overflow.remove(p.id, p);
    }

    /** Removes every entry present when it looks at it, handing each one it removed to {@code removed}. */
    void removeAll(Consumer<PendingRequests.Pending<?>> removed) {
        for (int i = 0; i < SLOTS; i++) {
            PendingRequests.Pending<?> p = slots.get(i);
            if (p != null && slots.compareAndSet(i, p, null)) {
                removed.accept(p);
            }
        }
        for (PendingRequests.Pending<?> p : overflow.values()) {
            if (overflow.remove(p.id, p)) {
                removed.accept(p);
            }
        }
    }
}
