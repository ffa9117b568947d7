package dev.strand.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parallel LSD radix sorts of IntSorts, LongSorts and DoubleSorts against
 * {@code Arrays.sort}, on the JDK's sort-test patterns, on pools of 1, 2 and 4 threads, with
 * the default block size and with one-element grains (many blocks even for small inputs).
 * Sizes straddle every cutoff: the radix cutoffs of {@code ParallelSort.sort}, the block size,
 * and the 256 buckets of a digit. Small sizes call {@code radixSort} directly, so that the
 * radix path itself is tested below the cutoff where {@code sort} would not take it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RadixSortTest {

    static List<Parallel> pars() {
        return SortPools.pars();
    }

    enum Shape {
        RANDOM, SORTED, REVERSED, SAW, ORGAN_PIPES, ALL_EQUAL, NEGATIVES, EXTREMES, SMALL_RANGE,
        TOP_BYTE_ONLY, ALMOST_SORTED
    }

    static int[] sizes() {
        int b = Radix.MIN_BLOCK;
        return new int[] {0, 1, 2, 3, 17, 255, 256, 257, 1000, b - 1, b, b + 1,
            Sorting.RADIX_CUTOFF_INT - 1, Sorting.RADIX_CUTOFF_INT, Sorting.RADIX_CUTOFF_INT + 1,
            Sorting.RADIX_CUTOFF_LONG - 1, Sorting.RADIX_CUTOFF_LONG + 1,
            Sorting.RADIX_CUTOFF_DOUBLE - 1, Sorting.RADIX_CUTOFF_DOUBLE + 1, 4 * b + 3, 200_003};
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int n : Arrays.stream(sizes()).distinct().toArray()) {
            for (Shape s : Shape.values()) {
                out.add(Arguments.of(s, n));
            }
        }
        return out.stream();
    }

    static long[] longs(Shape shape, int n, long seed) {
        Random r = new Random(seed);
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (shape) {
                case RANDOM -> r.nextLong();
                case SORTED -> i * 3L - n;
                case REVERSED -> (long) (n - i) * 5;
                case SAW -> i % 1000;
                case ORGAN_PIPES -> i < n / 2 ? i : n - i;
                case ALL_EQUAL -> -42;
                case NEGATIVES -> -1 - (r.nextLong() >>> 1);
                case EXTREMES -> switch (r.nextInt(4)) {
                    case 0 -> Long.MIN_VALUE;
                    case 1 -> Long.MAX_VALUE;
                    case 2 -> 0;
                    default -> -1;
                };
                case SMALL_RANGE -> r.nextInt(1000) - 500;
                case TOP_BYTE_ONLY -> (long) r.nextInt(256) << 56;
                case ALMOST_SORTED -> i % 100 == 0 ? r.nextInt() : i;
            };
        }
        return a;
    }

    static int[] ints(Shape shape, int n, long seed) {
        long[] l = longs(shape, n, seed);
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (shape) {
                case RANDOM, NEGATIVES -> (int) (l[i] >>> 32);
                case EXTREMES -> l[i] == Long.MIN_VALUE ? Integer.MIN_VALUE
                        : l[i] == Long.MAX_VALUE ? Integer.MAX_VALUE : (int) l[i];
                case TOP_BYTE_ONLY -> (int) (l[i] >>> 32);
                default -> (int) l[i];
            };
        }
        return a;
    }

    static double[] doubles(Shape shape, int n, long seed) {
        long[] l = longs(shape, n, seed);
        Random r = new Random(seed + 1);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (shape) {
                case RANDOM -> l[i] / 1e9;
                case EXTREMES -> SPECIALS[r.nextInt(SPECIALS.length)];
                case TOP_BYTE_ONLY -> Double.longBitsToDouble(l[i]);   // 0x80 << 56 is -0.0
                default -> l[i];
            };
        }
        return a;
    }

    /** Values whose order {@code Arrays.sort} fixes by {@code Double.compare}. */
    static final double[] SPECIALS = {Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};

    /** Sorts like {@code ParallelSort.sort} would at or above the cutoff, else the radix directly. */
    static void sortInts(Parallel par, int[] a, int from, int to) {
        if (to - from >= Sorting.RADIX_CUTOFF_INT) {
            ParallelSort.on(par).sort(a, from, to);
        } else {
            IntSorts.radixSort(par, a, from, to, 0);
        }
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("cases")
    void shouldSortIntsExactlyAsArraysSortOnPoolsOfOneTwoAndFourThreads(Shape shape, int n) {
        int[] expected = ints(shape, n, n);
        Arrays.sort(expected);
        for (Parallel par : pars()) {
            int[] a = ints(shape, n, n);
            sortInts(par, a, 0, n);
            assertThat(a).as("%s", par).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("cases")
    void shouldSortLongsExactlyAsArraysSortOnPoolsOfOneTwoAndFourThreads(Shape shape, int n) {
        long[] expected = longs(shape, n, n);
        Arrays.sort(expected);
        for (Parallel par : pars()) {
            long[] a = longs(shape, n, n);
            if (n >= Sorting.RADIX_CUTOFF_LONG) {
                ParallelSort.on(par).sort(a);
            } else {
                LongSorts.radixSort(par, a, 0, n, 0);
            }
            assertThat(a).as("%s", par).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("cases")
    void shouldSortDoublesBitForBitAsArraysSortOnPoolsOfOneTwoAndFourThreads(Shape shape, int n) {
        double[] expected = doubles(shape, n, n);
        Arrays.sort(expected);
        for (Parallel par : pars()) {
            double[] a = doubles(shape, n, n);
            if (n >= Sorting.RADIX_CUTOFF_DOUBLE) {
                ParallelSort.on(par).sort(a);
            } else {
                DoubleSorts.radixSort(par, a, 0, n, 0);
            }
            assertSameDoubles(a, expected, par);
        }
    }

    /**
     * Same bits at every index up to the NaNs (so -0.0 before 0.0), then the same NaN bit
     * patterns: {@code Arrays.sort} moves NaNs to the end without ordering their payloads,
     * so for NaNs other than the canonical one only the multiset is fixed.
     */
    static void assertSameDoubles(double[] a, double[] expected, Object where) {
        assertThat(a).hasSameSizeAs(expected);
        long[] bits = new long[a.length];
        long[] expectedBits = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            bits[i] = Double.doubleToRawLongBits(a[i]);
            expectedBits[i] = Double.doubleToRawLongBits(expected[i]);
            if (!Double.isNaN(expected[i])) {
                assertThat(bits[i]).as("index %d on %s", i, where).isEqualTo(expectedBits[i]);
            } else {
                assertThat(a[i]).as("index %d on %s", i, where).isNaN();
            }
        }
        Arrays.sort(bits);
        Arrays.sort(expectedBits);
        assertThat(bits).as("the same values on %s", where).isEqualTo(expectedBits);
    }

    @Test
    void shouldOrderEveryNaNLastAndNegativeZeroBeforeZero() {
        double negativeNaN = Double.longBitsToDouble(0xfff8_0000_0000_0000L);
        double payloadNaN = Double.longBitsToDouble(0x7ff0_0000_0000_0001L);
        double[] values = {negativeNaN, 0.0, payloadNaN, -0.0, Double.NaN, 1.5, -1.5,
            Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -Double.MIN_VALUE, Double.MIN_VALUE};
        int n = Sorting.RADIX_CUTOFF_DOUBLE + 5;
        Random r = new Random(3);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = values[r.nextInt(values.length)];
        }
        for (Parallel par : pars()) {
            double[] b = a.clone();
            double[] expected = a.clone();
            Arrays.sort(expected);
            ParallelSort.on(par).sort(b);
            assertSameDoubles(b, expected, par);
        }
    }

    @Test
    void shouldSortOnlyTheRangeAndLeaveTheRestUntouched() {
        for (Parallel par : pars()) {
            for (int n : new int[] {100, Sorting.RADIX_CUTOFF_INT + 1, 3 * Radix.MIN_BLOCK + 5}) {
                int[] a = ints(Shape.RANDOM, n + 20, 7);
                int[] ie = a.clone();
                Arrays.sort(ie, 7, 7 + n);
                IntSorts.radixSort(par, a, 7, 7 + n, 0);
                assertThat(a).isEqualTo(ie);

                long[] l = longs(Shape.RANDOM, n + 20, 8);
                long[] le = l.clone();
                Arrays.sort(le, 13, 13 + n);
                LongSorts.radixSort(par, l, 13, 13 + n, 0);
                assertThat(l).isEqualTo(le);

                double[] d = doubles(Shape.EXTREMES, n + 20, 9);
                double[] de = d.clone();
                Arrays.sort(de, 3, 3 + n);
                DoubleSorts.radixSort(par, d, 3, 3 + n, 0);
                assertSameDoubles(d, de, par);
            }
            int[] big = ints(Shape.RANDOM, Sorting.RADIX_CUTOFF_INT + 100, 1);
            int[] be = big.clone();
            Arrays.sort(be, 50, big.length - 50);
            ParallelSort.on(par).sort(big, 50, big.length - 50);   // the public range path
            assertThat(big).isEqualTo(be);
        }
    }

    @Test
    void shouldSortByTheBitsAboveLowBitStablyKeepingTheLowBitsOrder() {
        // key:index longs as sortByKey builds them: the index (in ascending order) below bit 20
        int n = 100_000;
        Random r = new Random(5);
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = ((long) r.nextInt(50) << 20) | i;
        }
        long[] expected = a.clone();
        Arrays.sort(expected);                 // distinct values: the stable order
        for (Parallel par : pars()) {
            long[] b = a.clone();
            LongSorts.radixSort(par, b, 0, n, 20);
            assertThat(b).isEqualTo(expected);
        }
    }
    @Test
    void shouldSortOnlyTheGivenBitsOfTheKeyMinusTheBiasInDigitsOfAtMostMaxBits() {
        // key:index longs as sortByKey builds them for an int key: (key << 32) | index, read by
        // radixPasses as (key - min) << 32 | index through the bias
        int n = 70_001;
        for (int keyBits : new int[] {1, 5, 9, 11, 12, 18, 22, 23, 31, 32}) {
            for (int min : new int[] {Integer.MIN_VALUE, -1000, 0, 12_345}) {
                Random r = new Random(keyBits * 31L + min);
                long span = 1L << keyBits;
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    long k = min + (long) (r.nextDouble() * span);
                    k = Math.min(k, Integer.MAX_VALUE);
                    a[i] = (k << 32) | i;
                }
                int at = r.nextInt(n);
                a[at] = ((long) min << 32) | at;                    // the range's low end is in
                long[] expected = a.clone();
                Arrays.sort(expected);
                long bias = Long.MIN_VALUE + ((long) min << 32);
                long varying = (-1L >>> (Long.SIZE - keyBits)) << 32;
                for (int maxBits : new int[] {Radix.BITS, Radix.KEY_BITS}) {
                    for (Parallel par : pars()) {
                        long[] b = a.clone();
                        long[] sorted = LongSorts.radixPasses(par, b, 0, n, varying, bias, maxBits,
                                Radix.blockLength(par, n), maxBits == Radix.BITS ? null : new long[n]);
                        assertThat(sorted).as("keyBits %d min %d maxBits %d %s", keyBits, min, maxBits, par)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }
}
