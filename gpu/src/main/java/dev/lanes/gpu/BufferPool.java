package dev.lanes.gpu;

import jcuda.CudaException;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Device memory allocated once per size and reused: {@code cuMemAlloc} synchronises the
 * device and costs far more than a small kernel, so a sample must not pay it. On the CUDA
 * thread only.
 */
final class BufferPool {
    private final Map<Long, ArrayDeque<DeviceBuffer>> free = new HashMap<>();

    /** A buffer of at least {@code bytes}: a freed one of that size, or a new one. */
    DeviceBuffer take(long bytes, String purpose) {
        long size = Math.max(256, (bytes + 255) & ~255L);
        ArrayDeque<DeviceBuffer> same = free.get(size);
        if (same != null && !same.isEmpty()) {
            return same.pop();
        }
        CUdeviceptr pointer = new CUdeviceptr();
        try {
            JCudaDriver.cuMemAlloc(pointer, size);
        } catch (CudaException e) {
            if (!String.valueOf(e.getMessage()).contains(CUresult.stringFor(CUresult.CUDA_ERROR_OUT_OF_MEMORY))) {
                throw e;
            }
            releaseAll();                  // the cached buffers of other sizes may be what is missing
            try {
                JCudaDriver.cuMemAlloc(pointer, size);
            } catch (CudaException again) {
                long[] freeBytes = new long[1];
                long[] total = new long[1];
                JCudaDriver.cuMemGetInfo(freeBytes, total);
                throw new CudaFailure(String.format(java.util.Locale.ROOT,
                    "out of device memory: %s needs %.1f MiB, %.1f MiB of %.1f MiB are free", purpose,
                    size / 1048576.0, freeBytes[0] / 1048576.0, total[0] / 1048576.0), again);
            }
        }
        return new DeviceBuffer(pointer, size);
    }

    void give(DeviceBuffer buffer) {
        free.computeIfAbsent(buffer.bytes(), k -> new ArrayDeque<>()).push(buffer);
    }

    /** Frees every buffer not in use. */
    void releaseAll() {
        for (ArrayDeque<DeviceBuffer> buffers : free.values()) {
            for (DeviceBuffer b : buffers) {
                JCudaDriver.cuMemFree(b.pointer());
            }
        }
        free.clear();
    }
}
