package dev.lanes.gpu;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host's side of every transfer: JVM arrays into and out of pinned memory, on several
 * threads when large. (Large arrays are compared with isEqualTo: AssertJ's containsExactly
 * computes a diff in quadratic time, hours for 4M elements.)
 */
class HostCopierTest {

    @Property
    void partsTileTheRangeWithoutGapsOrOverlaps(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int count,
                                               @ForAll @IntRange(min = 1, max = 16) int parts) {
        assertThat(HostCopier.bound(count, parts, 0)).isZero();
        assertThat(HostCopier.bound(count, parts, parts)).isEqualTo(count);
        for (int p = 0; p < parts; p++) {
            long size = (long) HostCopier.bound(count, parts, p + 1) - HostCopier.bound(count, parts, p);
            assertThat(size).isBetween((long) count / parts, (long) count / parts + 1);
        }
    }

    @Test
    void smallCopiesStayOnOneThreadAndLargeOnesAreShared() {
        assertThat(HostCopier.parts(HostCopier.PARALLEL_BYTES - 1, 4)).isEqualTo(1);
        assertThat(HostCopier.parts(HostCopier.PARALLEL_BYTES, 4)).isEqualTo(4);
    }

    @Test
    void largeAndSmallCopiesSurviveTheRoundTripFromAnyOffset() {
        Random random = new Random(7);
        ByteBuffer pinned = ByteBuffer.allocateDirect(16 << 20);
        try (HostCopier copier = new HostCopier(8)) {
            for (int count : new int[] {0, 1, 1000, (1 << 20) / 4 + 3, (4 << 20) - 5}) {
                int from = 7;
                float[] source = new float[from + count];
                for (int i = 0; i < source.length; i++) {
                    source[i] = random.nextFloat();
                }
                float[] back = new float[from + count];
                copier.toPinned(new HostArray(source), from, count, pinned);
                copier.fromPinned(pinned, new HostArray(back), from, count);
                assertThat(Arrays.copyOfRange(back, from, from + count)).as("count " + count)
                    .isEqualTo(Arrays.copyOfRange(source, from, from + count));
                assertThat(Arrays.copyOfRange(back, 0, from)).isEqualTo(new float[from]);
            }
        }
    }
}
