package dev.lanes.core.result;

/**
 * How close a measurement came to the machine's limit for its work: the roofline's time
 * over the measured time (on a device, the kernels' time), which ceiling binds, and both
 * ceilings of the implementation that ran (a roofline chart draws them).
 *
 * @param share         1 is the roofline itself
 * @param bound         "memory", "compute" or "ops"
 * @param ceiling       the binding ceiling: GB/s (memory), GFLOP/s (compute), ops per second (ops)
 * @param opKind        what an op is, when the bound is "ops" (e.g. "random-point"); {@code null} otherwise
 * @param peakGflops    the calibrated peak GFLOP/s for the element type, on the implementation and threads that
 *                      ran; {@code null} in files written before lanes.run/3
 * @param bandwidthGbps the calibrated bandwidth in GB/s for the working set (cache or memory), on the same;
 *                      {@code null} in files written before lanes.run/3
 */
public record RoofShare(double share, String bound, double ceiling, String opKind, Double peakGflops,
                        Double bandwidthGbps) {

    /** The same ceilings against another measured time: {@code share} of the roofline's time over it. */
    public RoofShare withShare(double newShare) {
        return new RoofShare(newShare, bound, ceiling, opKind, peakGflops, bandwidthGbps);
    }
}
