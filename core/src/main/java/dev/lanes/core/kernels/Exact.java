package dev.lanes.core.kernels;

/** Comparisons for kernels whose results must match the reference exactly. */
final class Exact {
    private Exact() {
    }

    /** How many groups of {@code group} consecutive words differ anywhere (a digest is 4 words, a count 1). */
    static long differing(long[] expected, long[] got, int group) {
        long wrong = 0;
        for (int start = 0; start < expected.length; start += group) {
            for (int i = start; i < start + group; i++) {
                if (expected[i] != got[i]) {
                    wrong++;
                    break;
                }
            }
        }
        return wrong;
    }
}
