package dev.lanes.core.run;

import dev.lanes.core.plan.Roofline;

/**
 * How close a measurement came to the machine's limit for its work: the roofline's time
 * over the measured time (on a device, the kernels' time), and which ceiling binds.
 *
 * @param share   1 is the roofline itself
 * @param bound   "memory" or "compute"
 * @param ceiling the binding ceiling, in GB/s (memory) or GFLOP/s (compute)
 */
public record RoofShare(double share, String bound, double ceiling) {

    static RoofShare of(Roofline roof, double measuredNanos) {
        return new RoofShare(roof.share(measuredNanos), roof.memoryBound() ? "memory" : "compute",
            roof.memoryBound() ? roof.gbps() : roof.gflops());
    }

    /** e.g. "61% of 152 GB/s". */
    public String describe() {
        String unit = bound.equals("memory") ? " GB/s" : " GFLOP/s";
        String limit = ceiling >= 100 ? String.format(java.util.Locale.ROOT, "%.0f", ceiling)
            : String.format(java.util.Locale.ROOT, "%.3g", ceiling);
        return String.format(java.util.Locale.ROOT, "%.0f%% of %s%s", 100 * share, limit, unit);
    }
}
