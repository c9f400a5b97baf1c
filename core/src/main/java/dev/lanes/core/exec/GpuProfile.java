package dev.lanes.core.exec;

/**
 * A GPU's ceilings, measured where one is usable (the GPU backend's calibration).
 *
 * @param hostToDeviceGbps pinned host→device copy bandwidth
 * @param deviceToHostGbps device→host copy bandwidth
 * @param deviceGbps       device memory bandwidth (a device-to-device copy, bytes read + written)
 * @param gflopsF32        f32 FMA throughput of the CUDA cores
 * @param gflopsF64        f64 FMA throughput
 * @param launchNanos      cost of launching an empty kernel and waiting for it
 * @param stagedToDeviceGbps a JVM array to the device, through pinned staging: what a stage's copy in reaches
 * @param stagedToHostGbps   the device to a JVM array, through pinned staging
 * @param memoryBytes        the device's memory: a stage needing more is not planned there
 */
public record GpuProfile(double hostToDeviceGbps, double deviceToHostGbps, double deviceGbps, double gflopsF32,
                         double gflopsF64, double launchNanos, double stagedToDeviceGbps, double stagedToHostGbps,
                         long memoryBytes) {

    public double gflops(dev.lanes.core.data.ElementType type) {
        return type == dev.lanes.core.data.ElementType.F64 ? gflopsF64 : gflopsF32;
    }
}
