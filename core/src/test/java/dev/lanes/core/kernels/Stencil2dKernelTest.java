package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.F32Array;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.exec.StencilOps;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.InvalidStageException;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Stencil2dKernelTest {
    private static final StencilOps SCALAR = new ScalarAccelerator().ops(StencilOps.class).orElseThrow();
    private final Stencil2dKernel kernel = new Stencil2dKernel();

    static Params params(long width, long size, String filter) {
        return new Params(Map.of("width", width, "stencil", List.of(size, size), "filter", filter));
    }

    static float[] image(int pixels, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            x[i] = (float) random.nextDouble(-3, 3);
        }
        return x;
    }

    @Property(tries = 80)
    void threadsComputeTheSameBitsAsOneThreadAndPassTheCheck(@ForAll @IntRange(min = 1, max = 90) int height,
                                                            @ForAll @IntRange(min = 1, max = 90) int width,
                                                            @ForAll boolean five, @ForAll boolean box) {
        float[] image = image(height * width, height * 131L + width);
        StageInstance s = kernel.bind(params(width, five ? 5 : 3, box ? "box" : "gaussian"), List.of(new F32Array(image)));
        float[] one = ((F32Array) KernelFixtures.run(s, SCALAR, null)).data().clone();
        try (WorkerPool pool = new WorkerPool(3)) {
            F32Array three = (F32Array) KernelFixtures.run(s, SCALAR, pool);
            assertThat(three.data()).isEqualTo(one);
            assertThat(s.verify(three).passed()).isTrue();
        }
    }

    @Property(tries = 40)
    void aBlurOfAConstantImageIsThatConstantUpToTheEdges(@ForAll @IntRange(min = 1, max = 40) int height,
                                                         @ForAll @IntRange(min = 1, max = 40) int width, @ForAll boolean five) {
        float[] image = new float[height * width];
        java.util.Arrays.fill(image, 0.75f);
        StageInstance s = kernel.bind(params(width, five ? 5 : 3, "gaussian"), List.of(new F32Array(image)));
        for (float v : ((F32Array) KernelFixtures.run(s, SCALAR, null)).data()) {
            // the weights sum to 1 and every tap, clamped or not, reads 0.75
            assertThat((double) v).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void aPixelIsTheWeightedSumOfItsClampedNeighbours() {
        float[] image = {1, 2, 3, 4, 5, 6};  // 2 rows x 3 cols
        float[] w = Stencil2dKernel.weights("gaussian", 3);
        // pixel (0, 0): rows -1, 0, 1 → 0, 0, 1; cols -1, 0, 1 → 0, 0, 1
        double expected = w[0] * 1 + w[1] * 1 + w[2] * 2 + w[3] * 1 + w[4] * 1 + w[5] * 2 + w[6] * 4 + w[7] * 4 + w[8] * 5;
        assertThat((double) StencilOps.pixel(image, 2, 3, w, 3, 0, 0)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(w[4]).isEqualTo(4f / 16);
    }

    @Test
    void aWrongPixelIsCaught() {
        float[] image = image(20 * 30, 5);
        StageInstance s = kernel.bind(params(30, 3, "gaussian"), List.of(new F32Array(image)));
        float[] out = ((F32Array) KernelFixtures.run(s, SCALAR, null)).data().clone();
        out[17 * 30 + 29] += 1e-3f;
        assertThat(s.verify(new F32Array(out)).passed()).isFalse();
    }

    @Test
    void badStencilsAndImagesAreRefusedNamingTheParameter() {
        List<DataShape> image = List.of(DataShape.array(ElementType.F32, 64));
        assertThatThrownBy(() -> kernel.shape(new Params(Map.of("width", 8L, "stencil", List.of(3L, 5L), "filter", "box")), image))
            .isInstanceOf(InvalidStageException.class).hasMessageContaining("3x5 is not square")
            .extracting(e -> ((InvalidStageException) e).param()).isEqualTo("stencil");
        assertThatThrownBy(() -> kernel.shape(params(8, 7, "box"), image)).hasMessageContaining("7x7 is not supported");
        assertThatThrownBy(() -> kernel.shape(params(7, 3, "box"), image)).hasMessageContaining("not a multiple of width = 7");
        assertThatThrownBy(() -> kernel.shape(params(8, 3, "box"), List.of(DataShape.array(ElementType.F64, 64))))
            .hasMessageContaining("takes an f32 image");
        assertThat(kernel.shape(params(8, 5, "box"), image).work().flops()).isEqualTo(2.0 * 25 * 64);
    }
}
