package dev.lanes.gpu;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The copies between JVM arrays and (pinned, here direct) memory that every transfer goes through. */
class HostArrayTest {

    @Property
    void aRangeSurvivesTheRoundTripThroughNativeMemory(@ForAll @IntRange(min = 0, max = 3000) int length,
                                                       @ForAll @IntRange(min = 0, max = 3000) int fromSeed,
                                                       @ForAll long seed) {
        Random random = new Random(seed);
        int from = length == 0 ? 0 : fromSeed % length;
        int count = length - from;
        ByteBuffer pinned = ByteBuffer.allocateDirect(3000 * 8);

        float[] f = new float[length];
        for (int i = 0; i < length; i++) {
            f[i] = random.nextFloat() - 0.5f;
        }
        float[] fBack = new float[length];
        new HostArray(f).copyTo(pinned, from, count);
        new HostArray(fBack).copyFrom(pinned, from, count);
        assertThat(Arrays.copyOfRange(fBack, from, length)).isEqualTo(Arrays.copyOfRange(f, from, length));
        assertThat(Arrays.copyOfRange(fBack, 0, from)).as("untouched before the range").isEqualTo(new float[from]);

        double[] d = random.doubles(length).toArray();
        double[] dBack = new double[length];
        new HostArray(d).copyTo(pinned, from, count);
        new HostArray(dBack).copyFrom(pinned, from, count);
        assertThat(Arrays.copyOfRange(dBack, from, length)).isEqualTo(Arrays.copyOfRange(d, from, length));

        long[] l = random.longs(length).toArray();
        long[] lBack = new long[length];
        new HostArray(l).copyTo(pinned, from, count);
        new HostArray(lBack).copyFrom(pinned, from, count);
        assertThat(Arrays.copyOfRange(lBack, from, length)).isEqualTo(Arrays.copyOfRange(l, from, length));

        int[] i = random.ints(length).toArray();
        int[] iBack = new int[length];
        new HostArray(i).copyTo(pinned, from, count);
        new HostArray(iBack).copyFrom(pinned, from, count);
        assertThat(Arrays.copyOfRange(iBack, from, length)).isEqualTo(Arrays.copyOfRange(i, from, length));
    }

    @Test
    void sizesFollowTheElementType() {
        assertThat(new HostArray(new float[3]).bytes(3)).isEqualTo(12);
        assertThat(new HostArray(new double[3]).bytes(3)).isEqualTo(24);
        assertThat(new HostArray(new long[5]).length()).isEqualTo(5);
        assertThat(new HostArray(new int[3]).bytes(3)).as("a batch's labels, 32-bit on the device too").isEqualTo(12);
        assertThatThrownBy(() -> new HostArray(new short[3])).isInstanceOf(IllegalArgumentException.class);
    }
}
