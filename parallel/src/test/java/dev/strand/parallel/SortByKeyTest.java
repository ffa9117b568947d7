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
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SortByKeyTest {

    private static final ForkJoinPool[] POOLS = {
        new ForkJoinPool(1), new ForkJoinPool(2), new ForkJoinPool(4)};

    @AfterAll
    static void shutdown() {
        for (ForkJoinPool p : POOLS) {
            p.shutdownNow();
        }
    }

    /** An element that remembers where it started. */
    record Rec(int key, int index) {
        static final Comparator<Rec> BY_KEY = Comparator.comparingInt(Rec::key);
    }

    enum Shape { RANDOM, SORTED, REVERSED, SAW, ORGAN_PIPES, ALL_EQUAL, EXTREMES }

    static Rec[] recs(Shape shape, int n, long seed) {
        Random r = new Random(seed);
        Rec[] a = new Rec[n];
        for (int i = 0; i < n; i++) {
            int k = switch (shape) {
                case RANDOM -> r.nextInt();
                case SORTED -> i;
                case REVERSED -> n - i;
                case SAW -> i % 17;
                case ORGAN_PIPES -> i < n / 2 ? i : n - i;
                case ALL_EQUAL -> 7;
                case EXTREMES -> r.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
            };
            a[i] = new Rec(k, i);
        }
        return a;
    }

    static int[] sizes() {
        int s = Sorting.SEQUENTIAL_CUTOFF;
        int ins = Sorting.INSERTION_CUTOFF;
        return new int[] {0, 1, 2, 3, ins - 1, ins, ins + 1, 1000, s - 1, s, s + 1,
            2 * s + 1, 100_003};
    }

    @Test
    void shouldSortStablyAsArraysSortDoesOnPoolsOfOneTwoAndFourThreads() {
        for (ForkJoinPool pool : POOLS) {
            for (Parallel par : List.of(Parallel.on(pool), Parallel.on(pool).grain(1))) {
                for (int n : sizes()) {
                    for (Shape shape : Shape.values()) {
                        Rec[] a = recs(shape, n, n * 31L + shape.ordinal());
                        Rec[] expected = a.clone();
                        Arrays.sort(expected, Rec.BY_KEY);   // stable
                        ParallelSort.on(par).sortByKey(a, Rec::key);
                        assertThat(a).as("%s n=%d %s", shape, n, par).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void shouldSortOnlyTheRange() {
        Rec[] a = recs(Shape.RANDOM, 5000, 3);
        Rec[] expected = a.clone();
        Arrays.sort(expected, 100, 4000, Rec.BY_KEY);
        ParallelSort.sortByKey(a, 100, 4000, Rec::key);
        assertThat(a).isEqualTo(expected);
        assertThatThrownBy(() -> ParallelSort.sortByKey(a, 5, 4, Rec::key))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParallelSort.sortByKey(a, -1, 4, Rec::key))
                .isInstanceOf(ArrayIndexOutOfBoundsException.class);
    }

    @Test
    void shouldCallTheKeyExactlyOncePerElement() {
        for (int n : new int[] {1, 50, 100_003}) {
            Rec[] a = recs(Shape.RANDOM, n, 9);
            AtomicIntegerArray calls = new AtomicIntegerArray(n);
            ParallelSort.on(Parallel.on(POOLS[2]).grain(1)).sortByKey(a, r -> {
                calls.incrementAndGet(r.index());
                return r.key();
            });
            for (int i = 0; i < n; i++) {
                assertThat(calls.get(i)).as("calls of element %d", i).isEqualTo(1);
            }
        }
    }

    @Test
    void shouldLeaveTheArrayUnchangedWhenTheKeyThrows() {
        for (ForkJoinPool pool : POOLS) {
            Rec[] a = recs(Shape.RANDOM, 50_000, 5);
            Rec[] before = a.clone();
            AtomicInteger seen = new AtomicInteger();
            ToIntFunction<Rec> key = r -> {
                if (seen.incrementAndGet() == 30_000) {
                    throw new IllegalStateException("boom");
                }
                return r.key();
            };
            assertThatThrownBy(() -> ParallelSort.on(Parallel.on(pool).grain(1)).sortByKey(a, key))
                    .isInstanceOf(IllegalStateException.class).hasMessage("boom");
            assertThat(a).isEqualTo(before);
        }
    }

    @Test
    void shouldSortAListAndRejectAnUnmodifiableOne() {
        List<Rec> list = new ArrayList<>(Arrays.asList(recs(Shape.SAW, 20_000, 1)));
        List<Rec> expected = new ArrayList<>(list);
        expected.sort(Rec.BY_KEY);
        ParallelSort.sortByKey(list, Rec::key);
        assertThat(list).isEqualTo(expected);
        List<Rec> fixed = List.of(new Rec(2, 0), new Rec(1, 1));
        assertThatThrownBy(() -> ParallelSort.sortByKey(fixed, Rec::key))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("does not support set");
    }

    @Test
    void shouldRejectNullsNamingTheParameter() {
        assertThatThrownBy(() -> ParallelSort.sortByKey((Rec[]) null, Rec::key))
                .isInstanceOf(NullPointerException.class).hasMessage("a");
        assertThatThrownBy(() -> ParallelSort.sortByKey(new Rec[0], null))
                .isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> ParallelSort.sortByKey((List<Rec>) null, Rec::key))
                .isInstanceOf(NullPointerException.class).hasMessage("list");
    }
}
