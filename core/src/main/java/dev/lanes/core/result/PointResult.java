package dev.lanes.core.result;

import java.util.List;

/**
 * One stage at one sweep point on one implementation and thread count: every sample and
 * what was measured of them.
 *
 * @param definition      a digest of what the stage is at this point (kernel, parameters, inputs' definitions,
 *                        requested backend): a comparison compares only points whose definition is the same
 * @param source          a data stage: run once, not benchmarked
 * @param size            the problem size as the user sets it (elements, a matrix dimension, a batch)
 * @param elements        elements processed per execution (for elements/s)
 * @param samplesNanos    every measured sample, in order
 * @param forkSizes       measured in several fresh JVMs ({@code --forks}): how many of the samples each gave, in
 *                        order; empty when one JVM measured them all
 * @param gcSamples       indexes of the samples during which a garbage collection ran
 * @param roof            the median against the calibrated ceilings; {@code null} without a calibration
 * @param estimate        the cost model's time for what ran; {@code null} without a calibration
 * @param check           the verification against the scalar reference; {@code null} when it was off
 * @param checksum        a number that depends on the whole output (it also keeps the JIT from dropping work)
 * @param output          the output in brief, e.g. "f64[1000000]" or the value of a reduction
 * @param device          on a device, the median of each phase; {@code null} on the CPU
 * @param deviceSamples   on a device, every sample's phases, in the order of {@code samplesNanos}
 * @param workerBusyNanos threaded runs: each worker's time in blocks, summed over the samples by rank
 *                        within each sample (the busiest first); empty when the work ran on one thread
 * @param phases          the stage's named parts, each timed in every sample (host clock); empty for a stage
 *                        without parts, and on a device
 * @param processCpu      a stage that starts processes: their CPU time in every sample; {@code null} for
 *                        other stages, or where the system does not account it
 * @param notes           why the implementation is what it is when that is not obvious (fallbacks, trials)
 * @param cluster         on the distributed backend, each member's share and the communication; {@code null} elsewhere
 */
public record PointResult(PointKey key, String kernel, String definition, boolean source, ProblemSize size, long elements,
                          double flops, double bytesMoved, List<Long> samplesNanos, List<Integer> forkSizes,
                          List<Integer> gcSamples, SampleSummary summary,
                          Throughput throughput, RoofShare roof, PlanEstimate estimate, Verification check,
                          double checksum, String output, DeviceTimes device, List<DeviceTimes> deviceSamples,
                          List<Long> workerBusyNanos, List<PhaseSamples> phases, ProcessCpu processCpu,
                          List<String> notes, ClusterTimes cluster) {

    public PointResult {
        samplesNanos = List.copyOf(samplesNanos);
        forkSizes = List.copyOf(forkSizes);
        gcSamples = List.copyOf(gcSamples);
        deviceSamples = List.copyOf(deviceSamples);
        workerBusyNanos = List.copyOf(workerBusyNanos);
        phases = List.copyOf(phases);
        notes = List.copyOf(notes);
    }

    /** A point that did not run on the distributed backend. */
    public PointResult(PointKey key, String kernel, String definition, boolean source, ProblemSize size, long elements,
                       double flops, double bytesMoved, List<Long> samplesNanos, List<Integer> forkSizes,
                       List<Integer> gcSamples, SampleSummary summary, Throughput throughput, RoofShare roof,
                       PlanEstimate estimate, Verification check, double checksum, String output, DeviceTimes device,
                       List<DeviceTimes> deviceSamples, List<Long> workerBusyNanos, List<PhaseSamples> phases,
                       ProcessCpu processCpu, List<String> notes) {
        this(key, kernel, definition, source, size, elements, flops, bytesMoved, samplesNanos, forkSizes, gcSamples, summary,
            throughput, roof, estimate, check, checksum, output, device, deviceSamples, workerBusyNanos, phases, processCpu,
            notes, null);
    }

    public boolean failed() {
        return check != null && !check.passed();
    }

    /** Estimate ÷ measured median: 1 is a perfect plan; {@code null} without an estimate. */
    public Double planAccuracy() {
        return estimate == null || summary.medianNanos() == 0 ? null : estimate.nanos() / summary.medianNanos();
    }

    public long[] samples() {
        return samplesNanos.stream().mapToLong(Long::longValue).toArray();
    }

    /** The samples of each fork (one group when one JVM measured them all). */
    public List<long[]> samplesByFork() {
        long[] all = samples();
        if (forkSizes.isEmpty()) {
            return List.of(all);
        }
        java.util.List<long[]> forks = new java.util.ArrayList<>();
        int from = 0;
        for (int size : forkSizes) {
            forks.add(java.util.Arrays.copyOfRange(all, from, from + size));
            from += size;
        }
        return forks;
    }
}
