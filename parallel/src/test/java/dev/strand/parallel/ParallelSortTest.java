package dev.strand.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ParallelSortTest {

    /** Parallelism 3 so that the parallel paths really run on a 2-core machine. */
    private static final ForkJoinPool POOL = new ForkJoinPool(3);
    private static final Parallel PAR = Parallel.on(POOL);
    /** The smallest grain: parallel splits and merges even for tiny inputs. */
    private static final Parallel FINE = Parallel.on(POOL).grain(1);

    @AfterAll
    static void shutdown() {
        POOL.shutdownNow();
    }

    static final int[] SIZES = sizes();

    private static int[] sizes() {
        int s = Sorting.SEQUENTIAL_CUTOFF;
        int ins = Sorting.INSERTION_CUTOFF;
        return new int[] {0, 1, 2, 3, ins - 1, ins, ins + 1, 2 * ins + 1, 100, 1000,
            s - 1, s, s + 1, 2 * s - 1, 2 * s, 2 * s + 1, 3 * s + 7, 6 * s + 1, 100_003, 300_007};
    }

    enum Shape { RANDOM, SORTED, REVERSED, ALL_EQUAL, FEW_DISTINCT, SAWTOOTH }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int n : SIZES) {
            for (Shape shape : Shape.values()) {
                out.add(Arguments.of(shape, n));
            }
        }
        return out.stream();
    }

    static long[] longs(Shape shape, int n, long seed) {
        Random r = new Random(seed);
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            switch (shape) {
                case RANDOM: a[i] = r.nextLong(); break;
                case SORTED: a[i] = i * 3L - n; break;
                case REVERSED: a[i] = (long) (n - i) * 5; break;
                case ALL_EQUAL: a[i] = 42; break;
                case FEW_DISTINCT: a[i] = r.nextInt(4) - 2; break;
                default: a[i] = i % 1000; break;
            }
        }
        return a;
    }

    static int[] ints(Shape shape, int n, long seed) {
        long[] l = longs(shape, n, seed);
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = (int) (l[i] ^ (l[i] >>> 32));
            if (shape != Shape.RANDOM) {
                a[i] = (int) l[i];
            }
        }
        return a;
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("cases")
    void shouldSortIntsLikeArraysSort(Shape shape, int n) {
        for (Parallel par : List.of(PAR, FINE)) {
            int[] a = ints(shape, n, n);
            int[] expected = a.clone();
            Arrays.sort(expected);
            ParallelSort.on(par).sort(a);
            assertThat(a).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("cases")
    void shouldSortLongsLikeArraysSort(Shape shape, int n) {
        for (Parallel par : List.of(PAR, FINE)) {
            long[] a = longs(shape, n, n + 1);
            long[] expected = a.clone();
            Arrays.sort(expected);
            ParallelSort.on(par).sort(a);
            assertThat(a).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("cases")
    void shouldSortDoublesLikeArraysSort(Shape shape, int n) {
        for (Parallel par : List.of(PAR, FINE)) {
            long[] l = longs(shape, n, n + 2);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = shape == Shape.RANDOM ? l[i] / 1e9 : l[i];
            }
            double[] expected = a.clone();
            Arrays.sort(expected);
            ParallelSort.on(par).sort(a);
            assertThat(a).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "n={0}")
    @MethodSource("sizeArgs")
    void shouldOrderNaNLastAndNegativeZeroBeforeZero(int n) {
        Random r = new Random(n);
        double[] specials = {Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.MIN_VALUE, -Double.MIN_VALUE, 1.0, -1.0};
        for (Parallel par : List.of(PAR, FINE)) {
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = specials[r.nextInt(specials.length)];
            }
            double[] expected = a.clone();
            Arrays.sort(expected);
            ParallelSort.on(par).sort(a);
            // isEqualTo on double[] compares with Double.compare semantics per element bits
            for (int i = 0; i < n; i++) {
                assertThat(Double.doubleToRawLongBits(a[i]))
                        .as("index %d", i).isEqualTo(Double.doubleToRawLongBits(expected[i]));
            }
        }
    }

    static IntStream sizeArgs() {
        return Arrays.stream(SIZES);
    }

    @Test
    void shouldSortOnlyTheGivenRange() {
        for (int n : new int[] {10, 100, 50_000}) {
            int[] a = ints(Shape.RANDOM, n + 20, 7);
            int[] expected = a.clone();
            Arrays.sort(expected, 7, 7 + n);
            ParallelSort.on(FINE).sort(a, 7, 7 + n);
            assertThat(a).isEqualTo(expected);

            long[] l = longs(Shape.RANDOM, n + 20, 8);
            long[] le = l.clone();
            Arrays.sort(le, 13, 13 + n);
            ParallelSort.on(FINE).sort(l, 13, 13 + n);
            assertThat(l).isEqualTo(le);

            double[] d = new double[n + 20];
            for (int i = 0; i < d.length; i++) {
                d[i] = l[i] * 0.5;
            }
            double[] de = d.clone();
            Arrays.sort(de, 3, 3 + n);
            ParallelSort.on(FINE).sort(d, 3, 3 + n);
            assertThat(d).isEqualTo(de);

            Item[] items = items(n + 20, 5, 9);
            Item[] ie = items.clone();
            Arrays.sort(ie, 5, 5 + n, Item.BY_KEY);
            ParallelSort.on(FINE).sort(items, 5, 5 + n, Item.BY_KEY);
            assertThat(items).isEqualTo(ie);
        }
    }

    @Test
    void shouldSortWithTheStaticShortcutsOnTheCommonPool() {
        int[] a = ints(Shape.RANDOM, 100_000, 1);
        int[] e = a.clone();
        Arrays.sort(e);
        ParallelSort.sort(a);
        assertThat(a).isEqualTo(e);
        ParallelSort.sort(a, 0, a.length);
        assertThat(a).isEqualTo(e);
        long[] l = longs(Shape.RANDOM, 30_000, 2);
        long[] le = l.clone();
        Arrays.sort(le);
        ParallelSort.sort(l);
        assertThat(l).isEqualTo(le);
        ParallelSort.sort(l, 0, l.length);
        double[] d = {3.0, Double.NaN, -0.0, 0.0, -1};
        ParallelSort.sort(d);
        assertThat(d).containsExactly(-1, -0.0, 0.0, 3.0, Double.NaN);
        ParallelSort.sort(d, 0, 2);
        Item[] items = items(40_000, 100, 3);
        Item[] ie = items.clone();
        Arrays.sort(ie, Item.BY_KEY);
        ParallelSort.sort(items, Item.BY_KEY);
        assertThat(items).isEqualTo(ie);
        ParallelSort.sort(items, 0, 10, Item.BY_KEY.reversed());
        List<Item> list = new ArrayList<>(Arrays.asList(items(1000, 10, 4)));
        List<Item> le2 = new ArrayList<>(list);
        le2.sort(Item.BY_KEY);
        ParallelSort.sort(list, Item.BY_KEY);
        assertThat(list).isEqualTo(le2);
    }

    // ------------------------------------------------------------------ objects, stability

    /** An element that remembers where it started, to check stability and permutation. */
    record Item(int key, int index) {
        static final Comparator<Item> BY_KEY = Comparator.comparingInt(Item::key);
    }

    static Item[] items(int n, int distinct, long seed) {
        Random r = new Random(seed);
        Item[] a = new Item[n];
        for (int i = 0; i < n; i++) {
            a[i] = new Item(distinct == 0 ? r.nextInt() : r.nextInt(distinct), i);
        }
        return a;
    }

    @ParameterizedTest(name = "n={0}")
    @MethodSource("sizeArgs")
    void shouldSortObjectsStablyAsArraysSortDoes(int n) {
        for (int distinct : n > 50_000 ? new int[] {3} : new int[] {0, 1, 3, 1000}) {
            for (Parallel par : List.of(PAR, FINE)) {
                Item[] a = items(n, distinct, n * 31L + distinct);
                Item[] expected = a.clone();
                Arrays.sort(expected, Item.BY_KEY);   // TimSort: stable
                ParallelSort.on(par).sort(a, Item.BY_KEY);
                assertThat(a).isEqualTo(expected);
                for (int i = 1; i < n; i++) {
                    if (a[i - 1].key() == a[i].key()) {
                        assertThat(a[i - 1].index()).isLessThan(a[i].index());
                    }
                }
            }
        }
    }

    @Test
    void shouldSortPresortedAndReversedObjects() {
        for (int n : new int[] {33, 10_000, 70_000}) {
            Item[] sorted = new Item[n];
            Item[] reversed = new Item[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = new Item(i / 3, i);
                reversed[i] = new Item((n - i) / 3, i);
            }
            Item[] se = sorted.clone();
            Item[] re = reversed.clone();
            Arrays.sort(re, Item.BY_KEY);
            ParallelSort.on(FINE).sort(sorted, Item.BY_KEY);
            ParallelSort.on(FINE).sort(reversed, Item.BY_KEY);
            assertThat(sorted).isEqualTo(se);
            assertThat(reversed).isEqualTo(re);
        }
    }

    @Test
    void shouldSortAListStablyAndWriteItBack() {
        List<Item> list = new ArrayList<>(Arrays.asList(items(50_000, 50, 11)));
        List<Item> expected = new ArrayList<>(list);
        expected.sort(Item.BY_KEY);
        ParallelSort.on(FINE).sort(list, Item.BY_KEY);
        assertThat(list).isEqualTo(expected);
    }

    @Test
    void shouldRejectAnUnmodifiableListWithAClearMessageAndLeaveItUnchanged() {
        List<Integer> list = List.of(3, 1, 2);
        assertThatThrownBy(() -> ParallelSort.sort(list, Comparator.naturalOrder()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("does not support set")
                .hasMessageContaining(list.getClass().getName());
        assertThat(list).containsExactly(3, 1, 2);
        List<Integer> view = java.util.Collections.unmodifiableList(new ArrayList<>(list));
        assertThatThrownBy(() -> ParallelSort.on(FINE).sort(view, Comparator.naturalOrder()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("does not support set");
        assertThat(view).containsExactly(3, 1, 2);
    }

    // ------------------------------------------------------------------ failing comparators

    /** Throws on the k-th comparison and (if {@code always}) every one after it. */
    static final class Failing implements Comparator<Item> {
        final AtomicInteger calls = new AtomicInteger();
        final int k;
        final boolean always;

        Failing(int k, boolean always) {
            this.k = k;
            this.always = always;
        }

        @Override
        public int compare(Item x, Item y) {
            int c = calls.incrementAndGet();
            if (c == k || (always && c > k)) {
                throw new IllegalStateException("boom at " + c);
            }
            return Integer.compare(x.key(), y.key());
        }
    }

    static Stream<Arguments> failingCases() {
        List<Arguments> out = new ArrayList<>();
        for (int n : new int[] {2, 20, 33, 100, 1000, 20_000}) {
            for (int step = 1; step <= STEPS; step++) {
                out.add(Arguments.of(n, step, step % 2 == 0));
            }
        }
        return out.stream();
    }

    private static final int STEPS = 25;

    /**
     * The comparator throws at the k-th call, k spread from the first call to the last one the
     * sort makes (counted first with a comparator that never throws; the count is the same on
     * every run because the split points are fixed).
     */
    @ParameterizedTest(name = "n={0} step={1} always={2}")
    @MethodSource("failingCases")
    void shouldKeepEveryElementExactlyOnceWhenTheComparatorThrows(int n, int step, boolean always) {
        for (Parallel par : List.of(FINE, PAR)) {
            Failing probe = new Failing(Integer.MAX_VALUE, false);
            ParallelSort.on(par).sort(items(n, n / 4 + 1, n), probe);
            int total = probe.calls.get();
            int k = step == STEPS ? total : 1 + (int) ((long) total * (step - 1) / STEPS);
            Item[] a = items(n, n / 4 + 1, n);
            Failing c = new Failing(k, always);
            assertThatThrownBy(() -> ParallelSort.on(par).sort(a, c))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("boom at");
            assertIsPermutation(a, n);
        }
    }

    @Test
    void shouldLeaveAListUnchangedWhenTheComparatorThrows() {
        List<Item> list = new ArrayList<>(Arrays.asList(items(5000, 10, 5)));
        List<Item> before = new ArrayList<>(list);
        assertThatThrownBy(() -> ParallelSort.on(FINE).sort(list, new Failing(3000, false)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(list).isEqualTo(before);
    }

    static void assertIsPermutation(Item[] a, int n) {
        boolean[] seen = new boolean[n];
        for (Item it : a) {
            assertThat(it).isNotNull();
            assertThat(seen[it.index()]).as("duplicate of %s", it).isFalse();
            seen[it.index()] = true;
        }
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void shouldRejectNullArraysAndComparatorsNamingTheParameter() {
        assertThatThrownBy(() -> ParallelSort.sort((int[]) null)).isInstanceOf(NullPointerException.class).hasMessage("a");
        assertThatThrownBy(() -> ParallelSort.sort((long[]) null)).isInstanceOf(NullPointerException.class).hasMessage("a");
        assertThatThrownBy(() -> ParallelSort.sort((double[]) null)).isInstanceOf(NullPointerException.class).hasMessage("a");
        assertThatThrownBy(() -> ParallelSort.sort((int[]) null, 0, 0)).isInstanceOf(NullPointerException.class).hasMessage("a");
        assertThatThrownBy(() -> ParallelSort.sort((Item[]) null, Item.BY_KEY)).isInstanceOf(NullPointerException.class).hasMessage("a");
        assertThatThrownBy(() -> ParallelSort.sort(new Item[1], null)).isInstanceOf(NullPointerException.class).hasMessage("comparator");
        assertThatThrownBy(() -> ParallelSort.sort((List<Item>) null, Item.BY_KEY)).isInstanceOf(NullPointerException.class).hasMessage("list");
        assertThatThrownBy(() -> ParallelSort.sort(new ArrayList<Item>(), null)).isInstanceOf(NullPointerException.class).hasMessage("comparator");
        assertThatThrownBy(() -> ParallelSort.on(null)).isInstanceOf(NullPointerException.class).hasMessage("par");
    }

    @Test
    void shouldRejectBadRangesAsArraysSortDoes() {
        int[] a = new int[10];
        assertThatThrownBy(() -> ParallelSort.sort(a, 5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Arrays.sort(a, 5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParallelSort.sort(a, -1, 4)).isInstanceOf(ArrayIndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ParallelSort.sort(a, 0, 11)).isInstanceOf(ArrayIndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ParallelSort.sort(new long[3], 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParallelSort.sort(new long[3], 0, 4)).isInstanceOf(ArrayIndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ParallelSort.sort(new double[3], 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParallelSort.sort(new double[3], -2, 1)).isInstanceOf(ArrayIndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ParallelSort.sort(new Item[3], 2, 1, Item.BY_KEY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParallelSort.sort(new Item[3], 0, 4, Item.BY_KEY)).isInstanceOf(ArrayIndexOutOfBoundsException.class);
        // an empty range at the end is fine, as in Arrays.sort
        ParallelSort.sort(a, 10, 10);
    }

    @Test
    void shouldRunTheSortInTheChosenPool() {
        Item[] a = items(100_000, 0, 17);
        java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ParallelSort.on(PAR).sort(a, (x, y) -> {
            threads.add(Thread.currentThread());
            return Integer.compare(x.key(), y.key());
        });
        assertThat(threads).isNotEmpty().allSatisfy(t ->
                assertThat(t).isInstanceOfSatisfying(java.util.concurrent.ForkJoinWorkerThread.class,
                        w -> assertThat(w.getPool()).isSameAs(POOL)));
    }
}
