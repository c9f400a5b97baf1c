package dev.lanes.gpu;

import jcuda.CudaException;
import jcuda.driver.CUresult;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Which CUDA errors leave the context unusable. After a "sticky" error — a kernel that read
 * an illegal address, failed or hung — every later call of the process's context returns
 * it, so lanes stops using the GPU and says why. Other errors (a refused launch
 * configuration, a bad argument, memory that is not there) fail the call and nothing more.
 */
final class CudaErrors {
    /** The driver API's sticky errors (CUDA's documentation of each: "the context cannot be used ... any further"). */
    private static final Set<String> STICKY = IntStream.of(
            CUresult.CUDA_ERROR_ILLEGAL_ADDRESS,
            CUresult.CUDA_ERROR_LAUNCH_FAILED,
            CUresult.CUDA_ERROR_LAUNCH_TIMEOUT,
            CUresult.CUDA_ERROR_HARDWARE_STACK_ERROR,
            CUresult.CUDA_ERROR_ILLEGAL_INSTRUCTION,
            CUresult.CUDA_ERROR_MISALIGNED_ADDRESS,
            CUresult.CUDA_ERROR_INVALID_ADDRESS_SPACE,
            CUresult.CUDA_ERROR_INVALID_PC,
            CUresult.CUDA_ERROR_ECC_UNCORRECTABLE,
            CUresult.CUDA_ERROR_CONTEXT_IS_DESTROYED)
        .mapToObj(CUresult::stringFor)
        .collect(Collectors.toUnmodifiableSet());

    private CudaErrors() {
    }

    /** Whether {@code e} (JCuda's exception, whose message is the error's name) leaves the context unusable. */
    static boolean isSticky(CudaException e) {
        return e.getMessage() != null && STICKY.contains(e.getMessage().strip());
    }
}
