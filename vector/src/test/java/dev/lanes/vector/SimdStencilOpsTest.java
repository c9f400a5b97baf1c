package dev.lanes.vector;

import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.exec.StencilOps;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The SIMD stencil takes the reference's FMAs in the reference's order: the same bits, any shape. */
class SimdStencilOpsTest {
    private static final StencilOps SCALAR = new ScalarAccelerator().ops(StencilOps.class).orElseThrow();

    @Property(tries = 150)
    void sameBitsAsTheScalarReference(@ForAll @IntRange(min = 1, max = 40) int height, @ForAll @IntRange(min = 1, max = 140) int width,
                                      @ForAll boolean five, @ForAll @IntRange(min = 0, max = 39) int firstRow) {
        SimdAccelerator simd = new SimdAccelerator();
        assumeTrue(simd.availability().usable(), "SIMD unusable here: " + simd.availability().detail());
        StencilOps ops = simd.ops(StencilOps.class).orElseThrow();
        int size = five ? 5 : 3;
        SplittableRandom random = new SplittableRandom(height * 1009L + width * 7L + size);
        float[] image = new float[height * width];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextDouble(-4, 4);
        }
        float[] weights = new float[size * size];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextDouble(-1, 1);
        }
        int from = Math.min(firstRow, height - 1);
        float[] expected = new float[image.length];
        float[] got = new float[image.length];
        SCALAR.convolve(image, height, width, weights, size, expected, from, height);
        ops.convolve(image, height, width, weights, size, got, from, height);
        assertThat(got).isEqualTo(expected);
    }
}
