package dev.lanes.core.run;

import dev.lanes.core.exec.DevicePhases;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.stats.Summary;

import java.util.List;
import java.util.Map;

/**
 * One stage at one sweep point on one implementation.
 *
 * @param point        the sweep values of this point (empty without a sweep)
 * @param source       a data stage, run once and not benchmarked
 * @param backend      e.g. "simd", "threads(simd)"
 * @param samplesNanos every measured sample, in order
 * @param gcSamples    indexes of samples during which a garbage collection ran
 * @param check        the verification, or {@code null} when verification was off
 * @param checksum     a number that depends on the whole output
 * @param note         why the implementation is what it is, when that is not obvious (fallbacks)
 * @param estimate     the cost model's estimate for this implementation; {@code null} without a profile
 * @param device       on a device, the median of each phase (copies in, kernels, copies back); {@code null} on the CPU
 * @param deviceSamples on a device, every sample's phases, in the order of {@code samplesNanos}
 * @param roof         the median against the calibrated ceilings (a device's kernels' time against its own);
 *                     {@code null} without a profile
 */
public record StageResult(String stage, String kernel, Map<String, Object> point, boolean source, String backend,
                          int threads, long elements, double flops, double bytesMoved, List<Long> samplesNanos,
                          List<Integer> gcSamples, Summary summary, Throughput throughput, Check check,
                          double checksum, String output, String note, dev.lanes.core.plan.Estimate estimate,
                          DevicePhases device, List<DevicePhases> deviceSamples, RoofShare roof) {

    public StageResult {
        point = Map.copyOf(point);
        samplesNanos = List.copyOf(samplesNanos);
        gcSamples = List.copyOf(gcSamples);
        deviceSamples = deviceSamples == null ? List.of() : List.copyOf(deviceSamples);
    }

    /** Estimate ÷ measured median: 1 is a perfect plan; {@code null} without an estimate. */
    public Double planAccuracy() {
        return estimate == null || summary.medianNanos() == 0 ? null : estimate.nanos() / summary.medianNanos();
    }

    public boolean failed() {
        return check != null && !check.passed();
    }
}
