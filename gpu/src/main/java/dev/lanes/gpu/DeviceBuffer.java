package dev.lanes.gpu;

import jcuda.driver.CUdeviceptr;

/** Device memory of a known size. */
record DeviceBuffer(CUdeviceptr pointer, long bytes) {

    /** The address {@code byteOffset} bytes in. */
    CUdeviceptr at(long byteOffset) {
        return byteOffset == 0 ? pointer : pointer.withByteOffset(byteOffset);
    }
}
