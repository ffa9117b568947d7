package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PendingMap}: slots in the usual case, the overflow map when a slot is still taken. */
class PendingMapTest {

    private final PendingRequests owner = new PendingRequests(16, new RequestListeners(), () -> null, e -> { });
    private final PendingMap map = new PendingMap();

    private PendingRequests.Pending<String> entry(long id) {
        return new PendingRequests.Pending<>(owner, id, String.class, "request " + id);
    }

    @Test
    void anEntryWhoseSlotIsTakenGoesToTheOverflowAndIsFoundThere() {
        List<PendingRequests.Pending<String>> entries = new ArrayList<>();
        // ids 1 .. 3 * SLOTS: every id from SLOTS + 1 on finds its slot taken
        for (long id = 1; id <= 3 * PendingMap.SLOTS; id++) {
            PendingRequests.Pending<String> p = entry(id);
            entries.add(p);
            map.put(p);
        }
        for (PendingRequests.Pending<String> p : entries) {
            assertThat(map.get(p.id)).as("id %d", p.id).isSameAs(p);
        }
        assertThat(map.get(0)).isNull();
        assertThat(map.get(3 * PendingMap.SLOTS + 1)).isNull();

        // taken once, by id or by entry, from a slot or from the overflow
        PendingRequests.Pending<String> slotted = entries.get(4);
        PendingRequests.Pending<String> overflowed = entries.get(PendingMap.SLOTS + 4); // same slot
        assertThat(map.remove(slotted.id)).isSameAs(slotted);
        assertThat(map.remove(slotted.id)).isNull();
        assertThat(map.remove(slotted)).isFalse();
        assertThat(map.get(overflowed.id)).as("still found with its slot free").isSameAs(overflowed);
        assertThat(map.remove(overflowed)).isTrue();
        assertThat(map.remove(overflowed.id)).isNull();
        assertThat(map.get(overflowed.id)).isNull();

        // a new entry takes the freed slot; the other entries are untouched
        PendingRequests.Pending<String> next = entry(3 * PendingMap.SLOTS + 5);
        map.put(next);
        assertThat(map.get(next.id)).isSameAs(next);
        assertThat(map.get(entries.get(2 * PendingMap.SLOTS + 4).id)).isSameAs(entries.get(2 * PendingMap.SLOTS + 4));

        List<PendingRequests.Pending<?>> swept = new ArrayList<>();
        map.removeAll(swept::add);
        assertThat(swept).hasSize(entries.size() - 2 + 1).doesNotContain(slotted, overflowed).contains(next);
        for (PendingRequests.Pending<String> p : entries) {
            assertThat(map.get(p.id)).isNull();
        }
        List<PendingRequests.Pending<?>> again = new ArrayList<>();
        map.removeAll(again::add);
        assertThat(again).isEmpty();
    }

    @Test
    void anEntryIsRemovedOnlyAsItself() {
        PendingRequests.Pending<String> p = entry(7);
        map.put(p);
        assertThat(map.remove(entry(7))).as("another entry with its id").isFalse();
        assertThat(map.remove(entry(7 + PendingMap.SLOTS).id)).as("another id in its slot").isNull();
        assertThat(map.get(7)).isSameAs(p);
    }
}
