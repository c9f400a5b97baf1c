package dev.lanes.core.run;

import dev.lanes.core.plan.Roofline;

import java.util.Locale;

/**
 * How close a measurement came to the machine's limit for its work: the roofline's time
 * over the measured time (on a device, the kernels' time), and which ceiling binds.
 *
 * @param share   1 is the roofline itself
 * @param bound   "memory", "compute" or "ops"
 * @param ceiling the binding ceiling: GB/s (memory), GFLOP/s (compute), ops per second (ops)
 * @param opKind  what an op is, when the bound is "ops" (e.g. "random-point")
 */
public record RoofShare(double share, String bound, double ceiling, String opKind) {

    static RoofShare of(Roofline roof, double measuredNanos) {
        String bound = roof.bound();
        return new RoofShare(roof.share(measuredNanos), bound, roof.ceiling(), bound.equals("ops") ? roof.opKind() : null);
    }

    /** e.g. "61% of 152 GB/s", "43% of 234 GFLOP/s", "80% of 3.1G random-point/s". */
    public String describe() {
        String limit = switch (bound) {
            case "memory" -> number(ceiling) + " GB/s";
            case "compute" -> number(ceiling) + " GFLOP/s";
            default -> rate(ceiling) + " " + opKind + "/s";
        };
        return String.format(Locale.ROOT, "%.0f%% of %s", 100 * share, limit);
    }

    private static String number(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String rate(double perSecond) {
        return perSecond >= 1e9 ? number(perSecond / 1e9) + "G" : perSecond >= 1e6 ? number(perSecond / 1e6) + "M" : number(perSecond);
    }
}
