package dev.strand.parallel;

/**
 * The parts of the LSD radix sorts that do not depend on the element type: digit size, block
 * planning, the prefix sum that turns per-block digit counts into scatter positions, and the
 * key helpers the generated {@code IntSorts}, {@code LongSorts} and {@code DoubleSorts} call
 * (overloaded on {@code int} and {@code long} keys so that the template needs no casts).
 * Stateless.
 */
final class Radix {

    /**
     * Most bits per digit of the primitive sorts: 256 buckets keep each block's counts (1 KiB)
     * and write streams in L1.
     */
    static final int BITS = 8;

    /**
     * Most bits per digit of the key:index sorts of {@code sortByKey}: 2048 buckets (8 KiB of
     * counts per block, 2048 write streams in L2), so a full {@code int} key takes 3 passes
     * instead of 4 and a key range under 2^22 takes 2. Measured with SortCutoffHarness (test
     * sources) on full-range int keys, shared 2-core machine, JDK 17, 2026-12-04: 8-bit time /
     * 11-bit time 1.27x at 8192 elements, 1.19-1.26x at 16-48 K, 1.09-1.43x at 64 K-1 M.
     */
    static final int KEY_BITS = 11;

    /**
     * Smallest block a radix pass gives one task (unless the {@link Parallel#grain() grain} is
     * set). Not swept on its own: at this size the 256 counters (zeroed and prefix-summed per
     * block and pass) are under 2 % of the block's element work (the 2048 of {@link #KEY_BITS}
     * digits cost more, and were measured faster all the same), and the radix cutoffs in
     * {@link Sorting} were measured with it (ranges under 2 blocks run on one thread).
     */
    static final int MIN_BLOCK = 1 << 14;

    /**
     * Blocks per thread in each pass: a few, so that a thread slowed by other load hands blocks
     * to the others by stealing, while each block still writes long runs into every bucket.
     */
    static final int BLOCKS_PER_THREAD = 4;

    private Radix() {
    }

    /** The length of one block for a radix sort of {@code n} elements on {@code par}. */
    static int blockLength(Parallel par, int n) {
        return par.threshold(n, MIN_BLOCK, BLOCKS_PER_THREAD);
    }

    /**
     * Turns per-block digit counts ({@code counts[b * buckets + d]}: how many elements of block
     * {@code b} have digit {@code d}) into the index where block {@code b} writes its first
     * element of digit {@code d}: digits ascending, and within a digit the blocks in input
     * order, which is what makes each pass stable.
     */
    static void offsets(int[] counts, int blocks, int buckets, int base) {
        int pos = base;
        for (int d = 0; d < buckets; d++) {
            for (int i = d; i < blocks * buckets; i += buckets) {
                int c = counts[i];
                counts[i] = pos;
                pos += c;
            }
        }
    }

    /** The digit {@code (key >>> shift) & mask}, {@code 0 <= shift < 32}. */
    static int digit(int key, int shift, int mask) {
        return (key >>> shift) & mask;
    }

    /** The digit {@code (key >>> shift) & mask}, {@code 0 <= shift < 64}. */
    static int digit(long key, int shift, int mask) {
        return (int) (key >>> shift) & mask;
    }

    /** The index of the lowest set bit of {@code bits} (32 if none). */
    static int lowestBit(int bits) {
        return Integer.numberOfTrailingZeros(bits);
    }

    /** The index of the lowest set bit of {@code bits} (64 if none). */
    static int lowestBit(long bits) {
        return Long.numberOfTrailingZeros(bits);
    }

    /** One more than the index of the highest set bit of {@code bits} (0 if none). */
    static int bitLength(int bits) {
        return Integer.SIZE - Integer.numberOfLeadingZeros(bits);
    }

    /** One more than the index of the highest set bit of {@code bits} (0 if none). */
    static int bitLength(long bits) {
        return Long.SIZE - Long.numberOfLeadingZeros(bits);
    }

    /** Compares keys as unsigned numbers, the order the radix passes sort in. */
    static int compare(int x, int y) {
        return Integer.compareUnsigned(x, y);
    }

    /** Compares keys as unsigned numbers, the order the radix passes sort in. */
    static int compare(long x, long y) {
        return Long.compareUnsigned(x, y);
    }

    /**
     * Maps the bits of a double ({@code Double.doubleToLongBits}, so every NaN is the canonical
     * one) to a key whose unsigned order is {@link Double#compare}'s: a negative number has all
     * its bits flipped (larger magnitude, smaller key), a positive one only its sign bit. So
     * -0.0 comes before 0.0 and NaN after positive infinity, as in {@code Arrays.sort}.
     */
    static long orderedBits(long doubleBits) {
        return doubleBits ^ ((doubleBits >> 63) | Long.MIN_VALUE);
    }
}
