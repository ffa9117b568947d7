package dev.strand.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code sortByKey} (int key) and {@code sortByLongKey} (long key), each checked on the same
 * contract: the order and stability of {@code Arrays.sort} with the key's comparator, on pools
 * of 1, 2 and 4 threads; the key called exactly once per element; a throwing key leaving the
 * input unchanged; ranges, lists and bad arguments.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SortByKeyTest {

    private static final ForkJoinPool[] POOLS = SortPools.POOLS;

    /** An element that remembers where it started. */
    record Rec(long key, int index) {
        static final Comparator<Rec> BY_KEY = Comparator.comparingLong(Rec::key);
    }

    /** The two sorts under test, each given the key as a long function of the element. */
    enum Kind {
        INT {
            @Override
            void sort(ParallelSort.Sorter s, Rec[] a, int from, int to, ToLongFunction<Rec> key) {
                if (s == null) {
                    ParallelSort.sortByKey(a, from, to, r -> (int) key.applyAsLong(r));
                } else {
                    s.sortByKey(a, from, to, r -> (int) key.applyAsLong(r));
                }
            }

            @Override
            void sort(List<Rec> list, ToLongFunction<Rec> key) {
                ParallelSort.sortByKey(list, r -> (int) key.applyAsLong(r));
            }
        },
        LONG {
            @Override
            void sort(ParallelSort.Sorter s, Rec[] a, int from, int to, ToLongFunction<Rec> key) {
                if (s == null) {
                    ParallelSort.sortByLongKey(a, from, to, key);
                } else {
                    s.sortByLongKey(a, from, to, key);
                }
            }

            @Override
            void sort(List<Rec> list, ToLongFunction<Rec> key) {
                ParallelSort.sortByLongKey(list, key);
            }
        };

        /** Sorts a[from, to) with {@code s}, or with the static shortcut if {@code s} is null. */
        abstract void sort(ParallelSort.Sorter s, Rec[] a, int from, int to, ToLongFunction<Rec> key);

        /** Sorts {@code list} with the static shortcut. */
        abstract void sort(List<Rec> list, ToLongFunction<Rec> key);

        void sort(ParallelSort.Sorter s, Rec[] a, ToLongFunction<Rec> key) {
            sort(s, a, 0, a.length, key);
        }

        Set<Shape> shapes() {
            return this == INT ? EnumSet.range(Shape.RANDOM, Shape.ROTATED) : EnumSet.allOf(Shape.class);
        }
    }

    /**
     * The JDK's sort-test patterns; then keys that only the radix digits' planning tells apart:
     * AROUND_ZERO (a small range of negative and positive keys: a few bits once the minimum is
     * subtracted, all 32 or 64 without), NARROW (n / 8 keys, about 8 elements each, as the
     * benchmark has: two wide digits at large sizes) and ROTATED (two ascending runs, each
     * half of the input: every sweep leaf ascends on its own while the whole does not); then
     * long-only ones: WIDE_HIGH spreads keys over the whole long range (sortByLongKey's
     * two-round path; RANDOM and EXTREMES of LONG too), FITS and OVERFLOWS sit exactly at the
     * edge of its one-round path: a key range of 2^(64 - index bits) - 1, and one more.
     */
    enum Shape {
        RANDOM, SORTED, REVERSED, SAW, ORGAN_PIPES, ALL_EQUAL, EXTREMES, AROUND_ZERO, NARROW, ROTATED,
        WIDE_HIGH, FITS, OVERFLOWS
    }

    static Rec[] recs(Kind kind, Shape shape, int n, long seed) {
        Random r = new Random(seed);
        boolean wide = kind == Kind.LONG;
        int bits = n < 2 ? 1 : Integer.SIZE - Integer.numberOfLeadingZeros(n - 1);
        long edge = -1L >>> bits;                      // 2^(64 - bits) - 1
        Rec[] a = new Rec[n];
        for (int i = 0; i < n; i++) {
            long k = switch (shape) {
                case RANDOM -> wide ? r.nextLong() : r.nextInt();
                case SORTED -> i;
                case REVERSED -> n - i;
                case SAW -> i % 17;
                case ORGAN_PIPES -> i < n / 2 ? i : n - i;
                case ALL_EQUAL -> 7;
                case EXTREMES -> r.nextBoolean() ? (wide ? Long.MIN_VALUE : Integer.MIN_VALUE)
                        : (wide ? Long.MAX_VALUE : Integer.MAX_VALUE);
                case AROUND_ZERO -> r.nextInt(201) - 100;
                case NARROW -> r.nextInt(Math.max(1, n / 8)) + (wide ? 1L << 40 : 1 << 20);
                case ROTATED -> (i + n / 2) % n;
                case WIDE_HIGH -> ((long) (r.nextInt(3) - 1) << 62) | r.nextInt(5);   // equal high halves
                case FITS -> -3 + (r.nextBoolean() ? edge : r.nextInt(3));
                case OVERFLOWS -> -3 + (r.nextBoolean() ? edge + 1 : r.nextInt(3));
            };
            a[i] = new Rec(k, i);
        }
        return a;
    }

    static int[] sizes() {
        int s = Sorting.SEQUENTIAL_CUTOFF;
        int ins = Sorting.INSERTION_CUTOFF;
        int k = Sorting.KEY_RADIX_CUTOFF;
        int p = KeySorts.PIECE;
        return new int[] {0, 1, 2, 3, ins - 1, ins, ins + 1, 1000, k - 1, k, k + 1, s - 1, s, s + 1,
            2 * s + 1, p - 1, p, p + 1, 2 * p + 1, 100_003};
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void shouldSortStablyAsArraysSortDoesOnPoolsOfOneTwoAndFourThreads(Kind kind) {
        for (Parallel par : SortPools.pars()) {
            for (int n : sizes()) {
                for (Shape shape : kind.shapes()) {
                    Rec[] a = recs(kind, shape, n, n * 31L + shape.ordinal());
                    Rec[] expected = a.clone();
                    Arrays.sort(expected, Rec.BY_KEY);   // stable
                    kind.sort(ParallelSort.on(par), a, Rec::key);
                    assertThat(a).as("%s n=%d %s", shape, n, par).isEqualTo(expected);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void shouldSortOnlyTheRange(Kind kind) {
        for (Shape shape : List.of(Shape.RANDOM, Shape.SAW)) {
            Rec[] a = recs(kind, shape, 9000, 3);
            Rec[] expected = a.clone();
            Arrays.sort(expected, 100, 8000, Rec.BY_KEY);
            kind.sort(null, a, 100, 8000, Rec::key);
            assertThat(a).isEqualTo(expected);
        }
        Rec[] a = recs(kind, Shape.RANDOM, 10, 1);
        assertThatThrownBy(() -> kind.sort(null, a, 5, 4, Rec::key))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kind.sort(null, a, -1, 4, Rec::key))
                .isInstanceOf(ArrayIndexOutOfBoundsException.class);
        assertThatThrownBy(() -> kind.sort(null, a, 0, 11, Rec::key))
                .isInstanceOf(ArrayIndexOutOfBoundsException.class);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void shouldCallTheKeyExactlyOncePerElement(Kind kind) {
        for (Shape shape : List.of(Shape.RANDOM, Shape.SAW)) {
            for (int n : new int[] {1, 50, 100_003}) {
                Rec[] a = recs(kind, shape, n, 9);
                AtomicIntegerArray calls = new AtomicIntegerArray(n);
                kind.sort(ParallelSort.on(Parallel.on(POOLS[2]).grain(1)), a, r -> {
                    calls.incrementAndGet(r.index());
                    return r.key();
                });
                for (int i = 0; i < n; i++) {
                    assertThat(calls.get(i)).as("calls of element %d", i).isEqualTo(1);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void shouldLeaveTheArrayUnchangedWhenTheKeyThrows(Kind kind) {
        for (ForkJoinPool pool : POOLS) {
            Rec[] a = recs(kind, Shape.RANDOM, 50_000, 5);
            Rec[] before = a.clone();
            AtomicInteger seen = new AtomicInteger();
            ToLongFunction<Rec> key = r -> {
                if (seen.incrementAndGet() == 30_000) {
                    throw new IllegalStateException("boom");
                }
                return r.key();
            };
            assertThatThrownBy(() -> kind.sort(ParallelSort.on(Parallel.on(pool).grain(1)), a, key))
                    .isInstanceOf(IllegalStateException.class).hasMessage("boom");
            assertThat(a).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void shouldSortAListAndRejectAnUnmodifiableOne(Kind kind) {
        List<Rec> list = new ArrayList<>(Arrays.asList(recs(kind, Shape.RANDOM, 20_000, 1)));
        List<Rec> expected = new ArrayList<>(list);
        expected.sort(Rec.BY_KEY);
        kind.sort(list, Rec::key);
        assertThat(list).isEqualTo(expected);
        List<Rec> fixed = List.of(new Rec(2, 0), new Rec(1, 1));
        assertThatThrownBy(() -> kind.sort(fixed, Rec::key))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("does not support set");
    }

    @Test
    void shouldRejectNullsNamingTheParameter() {
        assertThatThrownBy(() -> ParallelSort.sortByKey((Rec[]) null, r -> 0))
                .isInstanceOf(NullPointerException.class).hasMessage("a");
        assertThatThrownBy(() -> ParallelSort.sortByKey(new Rec[0], null))
                .isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> ParallelSort.sortByKey((List<Rec>) null, r -> 0))
                .isInstanceOf(NullPointerException.class).hasMessage("list");
        assertThatThrownBy(() -> ParallelSort.sortByKey(new ArrayList<Rec>(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> ParallelSort.sortByLongKey((Rec[]) null, Rec::key))
                .isInstanceOf(NullPointerException.class).hasMessage("a");
        assertThatThrownBy(() -> ParallelSort.sortByLongKey(new Rec[0], null))
                .isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> ParallelSort.sortByLongKey((List<Rec>) null, Rec::key))
                .isInstanceOf(NullPointerException.class).hasMessage("list");
        assertThatThrownBy(() -> ParallelSort.sortByLongKey(new ArrayList<Rec>(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> ParallelSort.on(Parallel.common()).sortByLongKey(new Rec[1], 0, 1, null))
                .isInstanceOf(NullPointerException.class).hasMessage("key");
    }
}
