package dev.strand.parallel;

/**
 * Stable LSD radix sort of {@code key:index} longs by their high 32 bits (the signed key).
 *
 * <p>The low half holds each element's original index and the input arrives in index order, so
 * sorting stably by the key alone leaves ties in index order: four 8-bit passes over the key
 * replace a full 64-bit sort. A pass whose digit is the same in every element is skipped.
 * Not thread-safe; sequential.
 */
final class KeyRadix {

    private KeyRadix() {
    }

    /**
     * Sorts {@code a} by the signed high half, stably.
     *
     * @param a the packed keys, in index order
     * @return the sorted array: {@code a} itself or a new array of the same length
     */
    static long[] sortByHighInt(long[] a) {
        int n = a.length;
        int[][] counts = new int[4][256];
        for (long v : a) {
            int k = (int) (v >>> 32) ^ Integer.MIN_VALUE;   // signed order as unsigned
            counts[0][k & 0xFF]++;
            counts[1][(k >>> 8) & 0xFF]++;
            counts[2][(k >>> 16) & 0xFF]++;
            counts[3][k >>> 24]++;
        }
        long[] src = a;
        long[] dst = null;
        for (int pass = 0; pass < 4; pass++) {
            int[] c = counts[pass];
            int shift = 32 + 8 * pass;
            if (c[(int) ((src[0] >>> shift) & 0xFF) ^ (pass == 3 ? 0x80 : 0)] == n) {
                continue;   // every element has this digit
            }
            int sum = 0;
            for (int d = 0; d < 256; d++) {
                int t = c[d];
                c[d] = sum;
                sum += t;
            }
            if (dst == null) {
                dst = new long[n];
            }
            for (long v : src) {
                int d = (int) ((v >>> shift) & 0xFF) ^ (pass == 3 ? 0x80 : 0);
                dst[c[d]++] = v;
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        return src;
    }
}
