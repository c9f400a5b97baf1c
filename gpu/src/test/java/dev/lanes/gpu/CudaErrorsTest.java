package dev.lanes.gpu;

import jcuda.CudaException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CudaErrorsTest {

    @Test
    void errorsOfAKernelThatRanAreSticky() {
        assertThat(CudaErrors.isSticky(new CudaException("CUDA_ERROR_ILLEGAL_ADDRESS"))).isTrue();
        assertThat(CudaErrors.isSticky(new CudaException("CUDA_ERROR_LAUNCH_FAILED"))).isTrue();
        assertThat(CudaErrors.isSticky(new CudaException("CUDA_ERROR_MISALIGNED_ADDRESS"))).isTrue();
    }

    @Test
    void errorsOfACallThatWasRefusedAreNot() {
        assertThat(CudaErrors.isSticky(new CudaException("CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES"))).isFalse();
        assertThat(CudaErrors.isSticky(new CudaException("CUDA_ERROR_INVALID_VALUE"))).isFalse();
        assertThat(CudaErrors.isSticky(new CudaException("CUDA_ERROR_OUT_OF_MEMORY"))).isFalse();
        assertThat(CudaErrors.isSticky(new CudaException(null))).isFalse();
    }
}
