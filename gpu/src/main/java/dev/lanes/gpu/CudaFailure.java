package dev.lanes.gpu;

/**
 * A CUDA call that failed, with what lanes was doing (which kernel, which copy). The runner
 * adds the stage and the lanes kernel; it prints the message, not the class.
 */
final class CudaFailure extends RuntimeException {

    CudaFailure(String message, Throwable cause) {
        super(message, cause);
    }

    CudaFailure(String message) {
        super(message);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
