package dev.lanes.core.exec;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Where one execution on a device spent its time, from the device's own clock (CUDA events)
 * and, for the host copies into and out of pinned staging buffers, the host's.
 *
 * @param hostCopyNanos     copying between the JVM's arrays and pinned staging memory (host clock)
 * @param toDeviceNanos     host→device copies (device clock)
 * @param toDeviceBytes     bytes copied host→device; 0 when every input was already on the device
 * @param kernelNanos       kernels (device clock), summed over {@code launches}
 * @param launches          kernels launched
 * @param toHostNanos       device→host copies (device clock)
 * @param toHostBytes       bytes copied device→host
 */
public record DevicePhases(long hostCopyNanos, long toDeviceNanos, long toDeviceBytes, long kernelNanos, int launches,
                           long toHostNanos, long toHostBytes) {

    public static final DevicePhases NONE = new DevicePhases(0, 0, 0, 0, 0, 0, 0);

    /** Achieved host→device bandwidth in GB/s (10^9 bytes), 0 when nothing was copied. */
    public double toDeviceGbps() {
        return toDeviceNanos == 0 ? 0 : (double) toDeviceBytes / toDeviceNanos;
    }

    /** Achieved device→host bandwidth in GB/s, 0 when nothing was copied. */
    public double toHostGbps() {
        return toHostNanos == 0 ? 0 : (double) toHostBytes / toHostNanos;
    }

    /** The median of each phase over samples (each field separately, as each is its own measurement). */
    public static DevicePhases median(List<DevicePhases> samples) {
        if (samples.isEmpty()) {
            return NONE;
        }
        return new DevicePhases(median(samples, DevicePhases::hostCopyNanos), median(samples, DevicePhases::toDeviceNanos),
            median(samples, DevicePhases::toDeviceBytes), median(samples, DevicePhases::kernelNanos),
            (int) median(samples, DevicePhases::launches), median(samples, DevicePhases::toHostNanos),
            median(samples, DevicePhases::toHostBytes));
    }

    private static long median(List<DevicePhases> samples, ToLongFunction<DevicePhases> field) {
        long[] values = samples.stream().mapToLong(field).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    @Override
    public String toString() {
        return "DevicePhases" + Arrays.toString(new long[] {hostCopyNanos, toDeviceNanos, toDeviceBytes, kernelNanos, launches,
            toHostNanos, toHostBytes});
    }
}
