package dev.strand.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.parallel.ParallelSortTest.Failing;
import dev.strand.parallel.ParallelSortTest.Item;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ParallelMergeTest {

    private static final ForkJoinPool POOL = new ForkJoinPool(3);
    private static final List<ParallelMerge.Merger> MERGERS = List.of(
            ParallelMerge.on(Parallel.on(POOL)), ParallelMerge.on(Parallel.on(POOL).grain(1)));
    private static final int[][] SIZES = {{0, 0}, {0, 5}, {5, 0}, {1, 1}, {3, 100}, {100, 3},
        {1000, 1000}, {8191, 1}, {8192, 8193}, {50_000, 70_001}, {200_000, 3}};

    @AfterAll
    static void shutdown() {
        POOL.shutdownNow();
    }

    @Test
    void shouldMergeSortedIntRunsLikeSortingTheirConcatenation() {
        Random r = new Random(1);
        for (ParallelMerge.Merger m : MERGERS) {
            for (int[] s : SIZES) {
                for (int bound : new int[] {3, Integer.MAX_VALUE}) {
                    int[] left = r.ints(s[0], 0, bound).sorted().toArray();
                    int[] right = r.ints(s[1], 0, bound).sorted().toArray();
                    int[] out = new int[s[0] + s[1] + 2];
                    out[out.length - 1] = -7;
                    m.merge(left, right, out);
                    int[] expected = new int[s[0] + s[1]];
                    System.arraycopy(left, 0, expected, 0, s[0]);
                    System.arraycopy(right, 0, expected, s[0], s[1]);
                    Arrays.sort(expected);
                    assertThat(Arrays.copyOf(out, expected.length)).isEqualTo(expected);
                    assertThat(out[out.length - 1]).as("past the merge: untouched").isEqualTo(-7);
                }
            }
        }
    }

    @Test
    void shouldMergeLongAndDoubleRuns() {
        Random r = new Random(2);
        for (ParallelMerge.Merger m : MERGERS) {
            for (int[] s : SIZES) {
                long[] left = r.longs(s[0], -50, 50).sorted().toArray();
                long[] right = r.longs(s[1], -50, 50).sorted().toArray();
                long[] out = new long[s[0] + s[1]];
                m.merge(left, right, out);
                long[] expected = out.clone();
                Arrays.sort(expected);
                assertThat(out).isEqualTo(expected);

                double[] specials = {Double.NaN, -0.0, 0.0, -1.5, 2.5, Double.NEGATIVE_INFINITY};
                double[] dl = r.ints(s[0], 0, specials.length).mapToDouble(i -> specials[i]).sorted().toArray();
                double[] dr = r.ints(s[1], 0, specials.length).mapToDouble(i -> specials[i]).sorted().toArray();
                double[] dout = new double[s[0] + s[1]];
                m.merge(dl, dr, dout);
                double[] de = dout.clone();
                Arrays.sort(de);
                assertThat(dout).isEqualTo(de);
            }
        }
    }

    @Test
    void shouldMergeObjectsStablyLeftRunFirstOnTies() {
        for (ParallelMerge.Merger m : MERGERS) {
            for (int[] s : SIZES) {
                Item[] left = ParallelSortTest.items(s[0], 5, 1);
                Item[] right = new Item[s[1]];
                for (int i = 0; i < s[1]; i++) {
                    right[i] = new Item(i % 5, s[0] + i);   // indices after every left index
                }
                Arrays.sort(left, Item.BY_KEY);
                Arrays.sort(right, Item.BY_KEY);
                Item[] out = new Item[s[0] + s[1]];
                m.merge(left, right, out, Item.BY_KEY);
                Item[] expected = new Item[out.length];
                System.arraycopy(left, 0, expected, 0, s[0]);
                System.arraycopy(right, 0, expected, s[0], s[1]);
                Arrays.sort(expected, Item.BY_KEY);        // stable: left's equals stay first
                assertThat(out).isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldPutEveryInputElementInOutOnceWhenTheComparatorThrows() {
        for (ParallelMerge.Merger m : MERGERS) {
            for (int k = 1; k < 38_000; k += 2_999) {
                Item[] all = ParallelSortTest.items(40_000, 100, k);
                Item[] left = Arrays.copyOfRange(all, 0, 25_000);
                Item[] right = Arrays.copyOfRange(all, 25_000, 40_000);
                Arrays.sort(left, Item.BY_KEY);
                Arrays.sort(right, Item.BY_KEY);
                Item[] out = new Item[40_000];
                Failing c = new Failing(k, k % 2 == 0);
                assertThatThrownBy(() -> m.merge(left, right, out, c)).isInstanceOf(IllegalStateException.class);
                ParallelSortTest.assertIsPermutation(out, 40_000);
            }
        }
    }

    @Test
    void shouldRejectBadArguments() {
        int[] a = {1, 2};
        assertThatThrownBy(() -> ParallelMerge.merge(null, a, new int[2])).isInstanceOf(NullPointerException.class).hasMessage("left");
        assertThatThrownBy(() -> ParallelMerge.merge(a, null, new int[2])).isInstanceOf(NullPointerException.class).hasMessage("right");
        assertThatThrownBy(() -> ParallelMerge.merge(a, a, null)).isInstanceOf(NullPointerException.class).hasMessage("out");
        assertThatThrownBy(() -> ParallelMerge.merge(a, a, new int[3])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out");
        assertThatThrownBy(() -> ParallelMerge.merge(a, new int[0], a)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out");
        assertThatThrownBy(() -> ParallelMerge.merge(new long[1], new long[1], new long[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParallelMerge.merge(new double[1], new double[1], new double[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParallelMerge.merge(new Item[0], new Item[0], new Item[0], null)).isInstanceOf(NullPointerException.class).hasMessage("comparator");
        assertThatThrownBy(() -> ParallelMerge.on(null)).isInstanceOf(NullPointerException.class).hasMessage("par");
    }

    @Test
    void shouldMergeWithTheStaticShortcuts() {
        int[] out = new int[6];
        ParallelMerge.merge(new int[] {1, 4, 6}, new int[] {2, 3, 5}, out);
        assertThat(out).containsExactly(1, 2, 3, 4, 5, 6);
        long[] lout = new long[3];
        ParallelMerge.merge(new long[] {1}, new long[] {0, 2}, lout);
        assertThat(lout).containsExactly(0, 1, 2);
        double[] dout = new double[3];
        ParallelMerge.merge(new double[] {Double.NaN}, new double[] {-0.0, 0.0}, dout);
        assertThat(dout).containsExactly(-0.0, 0.0, Double.NaN);
        String[] sout = new String[3];
        ParallelMerge.merge(new String[] {"b"}, new String[] {"a", "c"}, sout, String::compareTo);
        assertThat(sout).containsExactly("a", "b", "c");
    }
}
