package dev.lanes.gpu;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The messages of a module that does not load, which a user reads instead of a driver error code. */
class CudaContextTest {

    @Test
    void anOldDriverIsNamedAsSuchWithTheNvccThatBuiltThePtx() {
        String message = CudaContext.loadFailure(PtxModule.ARRAY_KERNELS, "CUDA_ERROR_UNSUPPORTED_PTX_VERSION", "");
        assertThat(message).contains("the driver is too old for this PTX").contains("nvcc V").contains("update the NVIDIA driver");
    }

    @Test
    void anyOtherFailureCarriesTheFirstLineOfTheJitLog() {
        String message = CudaContext.loadFailure(PtxModule.DENSE_KERNELS, "CUDA_ERROR_INVALID_PTX",
            "ptxas application ptx input, line 12; error   : Unknown symbol\nsecond line\0\0\0");
        assertThat(message).startsWith("PTX module dense_kernels did not load: CUDA_ERROR_INVALID_PTX")
            .contains("line 12; error").doesNotContain("second line").doesNotContain("\0");
    }
}
