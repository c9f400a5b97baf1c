package dev.lanes.core.plan;

/**
 * The ceilings a measurement is held against: the calibrated peak FLOP/s and bandwidth of
 * the implementation that ran (on the threads it used; a device's own), and the time the
 * work would take at the nearer of the two — the roofline's time.
 *
 * @param gflops peak GFLOP/s for the element type
 * @param gbps   bandwidth in GB/s for the working set (cache or memory)
 */
public record Roofline(double gflops, double gbps, double flops, double bytes) {

    public double computeNanos() {
        return flops == 0 ? 0 : flops / gflops;
    }

    public double memoryNanos() {
        return bytes == 0 ? 0 : bytes / gbps;
    }

    /** The roofline's time: the larger of compute and memory time. */
    public double nanos() {
        return Math.max(computeNanos(), memoryNanos());
    }

    public boolean memoryBound() {
        return memoryNanos() >= computeNanos();
    }

    /** The share of the ceiling a measured time reaches: 1 is the roofline itself. */
    public double share(double measuredNanos) {
        return measuredNanos <= 0 ? 0 : nanos() / measuredNanos;
    }
}
