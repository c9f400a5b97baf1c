package dev.lanes.gpu;

import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The arguments lanes passes to each kernel match the kernel's parameters in the shipped
 * PTX, for every kernel of every module: the driver would take a mismatch silently.
 */
class KernelSignaturesTest {
    private final CUdeviceptr p = new CUdeviceptr();

    @Test
    void everyKernelIsLaunchedWithItsParametersInOrder() {
        Map<String, KernelArgs> launches = new HashMap<>();
        for (String type : List.of("f32", "f64")) {
            launches.put("sum_of_squares_" + type, GpuArrayOps.reductionArgs(p, null, 10, p));
            launches.put("dot_" + type, GpuArrayOps.reductionArgs(p, p, 10, p));
            launches.put("row_sum_of_squares_" + type, GpuArrayOps.rowSumsArgs(p, 3, 4, p));
            launches.put("histogram_shared_" + type, GpuHistogramOps.args(p, 10, 0, 1, 8, p));
            launches.put("histogram_global_" + type, GpuHistogramOps.args(p, 10, 0, 1, 8, p));
            launches.put("gemm_" + type, GpuGemmOps.args(p, p, null, true, p, 1, 2, 3));
            launches.put("fma_peak_" + type, GpuCalibration.fmaPeakArgs(p, 8, type.equals("f32")));
            launches.put("gemm_tn_" + type, GpuTrainingOps.transposedProductArgs(p, 4, p, p, 1, 2, 3));
            launches.put("copy_" + type, GpuTrainingOps.elementwiseArgs(p, p, 10));
            launches.put("relu_gradient_" + type, GpuTrainingOps.elementwiseArgs(p, p, 10));
            launches.put("accumulate_" + type, GpuTrainingOps.elementwiseArgs(p, p, 10));
            launches.put("transpose_" + type, GpuTrainingOps.transposeArgs(p, p, 3, 4, 0, 3));
            launches.put("softmax_gradient_" + type, GpuTrainingOps.softmaxArgs(p, p, 10, 64, p, p, 0, 64));
            launches.put("bias_gradient_" + type, GpuTrainingOps.biasGradientArgs(p, 10, 0, 64, p));
            launches.put("sgd_update_" + type, GpuTrainingOps.updateArgs(p, p, type.equals("f32"), -0.1, 10));
        }
        launches.put("axpy_f64", GpuArrayOps.axpyArgs(new KernelArgs().f64(2.0), p, p, 10));
        launches.put("axpy_f32", GpuArrayOps.axpyArgs(new KernelArgs().f32(2f), p, p, 10));
        launches.put("monte_carlo_pi", GpuRandomOps.args(1, 0, 10, p));
        launches.put("stencil3_f32", GpuStencilOps.args(p, 4, 5, p, p));
        launches.put("stencil5_f32", GpuStencilOps.args(p, 4, 5, p, p));
        launches.put("noop", new KernelArgs());

        int kernels = 0;
        for (String module : PtxModule.ALL) {
            for (String kernel : PtxModule.load(module).entries()) {
                assertThat(launches).as("a launch of " + kernel + " is checked here").containsKey(kernel);
                KernelSignatures.check(module, kernel, launches.get(kernel));
                kernels++;
            }
        }
        assertThat(kernels).isEqualTo(launches.size());
    }

    @Test
    void aMismatchNamesTheKernelAndBothParameterLists() {
        KernelArgs swapped = new KernelArgs().pointer(p).pointer(p).i32(4).i32(5).pointer(p).i32(1);
        assertThatThrownBy(() -> KernelSignatures.check(PtxModule.IMAGE_KERNELS, "stencil3_f32", swapped))
            .hasMessage("kernel stencil3_f32 takes [u64, u32, u32, u64, u64, u32], lanes passed [u64, u64, u32, u32, u64, u32]");
    }

    @Test
    void theSignaturesAreReadFromThePtx() {
        assertThat(PtxModule.load(PtxModule.DENSE_KERNELS).parameters("gemm_f64"))
            .containsExactly("u64", "u64", "u64", "u32", "u64", "u32", "u32", "u32");
        assertThat(PtxModule.load(PtxModule.ARRAY_KERNELS).parameters("axpy_f32")).containsExactly("f32", "u64", "u64", "u64");
        assertThat(PtxModule.load(PtxModule.ARRAY_KERNELS).parameters("noop")).isEmpty();
        assertThatThrownBy(() -> PtxModule.load(PtxModule.ARRAY_KERNELS).parameters("nope")).hasMessageContaining("no kernel nope");
    }
}
