package dev.lanes.core.result;

/**
 * Where one execution on a device spent its time, from the device's clock (CUDA events),
 * and the host's copies into and out of pinned staging memory by the host's clock.
 */
public record DeviceTimes(long hostCopyNanos, long toDeviceNanos, long toDeviceBytes, long kernelNanos, int launches,
                          long toHostNanos, long toHostBytes) {
}
