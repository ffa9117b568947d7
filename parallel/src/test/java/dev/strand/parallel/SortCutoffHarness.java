package dev.strand.parallel;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The sweep behind the radix cutoffs in {@link Sorting}: for each size, the median time of the
 * merge path and of the radix path on the same random input, on {@link Parallel#common()}.
 * Not a test (surefire does not pick it up); run it by hand after a build:
 *
 * <pre>{@code
 * mvn -B -ntp -q -pl parallel -am test-compile -Djcstress.skip=true -Djmh.smoke.skip=true
 * java -cp parallel/target/classes:parallel/target/test-classes:core/target/classes:channels/target/classes \
 *     dev.strand.parallel.SortCutoffHarness
 * }</pre>
 *
 * Each size is warmed up (the JIT sees every path at every size first), then timed as the
 * median of {@code ROUNDS} runs, each on a fresh copy of the input. A rough tool: the figures
 * on a shared machine move by 10-20 %; the cutoff goes where radix wins clearly.
 */
final class SortCutoffHarness {

    private static final int ROUNDS = 31;

    private SortCutoffHarness() {
    }

    public static void main(String[] args) {
        Parallel par = Parallel.common();
        int[] sizes = {1 << 8, 1 << 9, 1 << 10, 1 << 11, 1 << 12, 1 << 13, 1 << 14, 3 << 13, 1 << 15, 3 << 14, 1 << 16,
            1 << 17, 1 << 18, 1 << 20};
        System.out.printf("parallelism %d (common pool + caller)%n", par.parallelism());
        System.out.printf("%9s %12s %12s %8s | %12s %12s %8s | %12s %12s %8s | %12s %12s %8s | %12s %8s%n",
                "n", "int merge", "int radix", "ratio", "long merge", "long radix", "ratio",
                "dbl merge", "dbl radix", "ratio", "key sort", "key radix", "ratio", "key 11-bit", "8/11");
        long keyBias = Long.MIN_VALUE + ((long) Integer.MIN_VALUE << 32);   // as sortByKey's, min = MIN_VALUE
        for (int pass = 0; pass < 2; pass++) {   // pass 0 warms up every path at every size
            for (int n : sizes) {
                SplittableRandom r = new SplittableRandom(n);
                int[] ints = r.ints(n).toArray();
                long[] longs = r.longs(n).toArray();
                double[] doubles = r.doubles(n).map(d -> d * 2e6 - 1e6).toArray();
                long[] packed = new long[n];
                for (int i = 0; i < n; i++) {
                    packed[i] = ((long) r.nextInt() << 32) | i;   // full-range keys: all 4 passes run
                }
                double im = time(ints, a -> IntSorts.mergeSort(par, a, 0, a.length), int[]::clone);
                double ir = time(ints, a -> IntSorts.radixSort(par, a, 0, a.length, 0), int[]::clone);
                double lm = time(longs, a -> LongSorts.mergeSort(par, a, 0, a.length), long[]::clone);
                double lr = time(longs, a -> LongSorts.radixSort(par, a, 0, a.length, 0), long[]::clone);
                double dm = time(doubles, a -> DoubleSorts.mergeSort(par, a, 0, a.length), double[]::clone);
                double dr = time(doubles, a -> DoubleSorts.radixSort(par, a, 0, a.length, 0), double[]::clone);
                double km = time(packed, Arrays::sort, long[]::clone);
                double kr = time(packed, a -> keyRadix(par, a, keyBias, Radix.BITS), long[]::clone);
                double kw = time(packed, a -> keyRadix(par, a, keyBias, Radix.KEY_BITS), long[]::clone);
                if (pass == 1) {
                    System.out.printf("%9d %12.1f %12.1f %8.2f | %12.1f %12.1f %8.2f | %12.1f %12.1f %8.2f"
                            + " | %12.1f %12.1f %8.2f | %12.1f %8.2f%n", n, im, ir, im / ir, lm, lr, lm / lr,
                            dm, dr, dm / dr, km, kr, km / kr, kw, kr / kw);
                }
            }
        }
    }

    /** The key:index radix sort of sortByKey on full-range int keys, digits of at most maxBits. */
    private static void keyRadix(Parallel par, long[] a, long bias, int maxBits) {
        LongSorts.radixPasses(par, a, 0, a.length, 0xFFFF_FFFF_0000_0000L, bias, maxBits,
                Radix.blockLength(par, a.length), null);
    }

    /** Median microseconds of {@code sort} on fresh copies of {@code input}. */
    private static <A> double time(A input, Consumer<A> sort, java.util.function.UnaryOperator<A> copy) {
        long[] t = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            A a = copy.apply(input);
            long start = System.nanoTime();
            sort.accept(a);
            t[i] = System.nanoTime() - start;
        }
        Arrays.sort(t);
        return t[ROUNDS / 2] / 1e3;
    }
}
