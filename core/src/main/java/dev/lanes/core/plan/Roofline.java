package dev.lanes.core.plan;

/**
 * The ceilings a measurement is held against: the calibrated peak FLOP/s, bandwidth and (for
 * work counted in ops, as a generator's or a hash's integer rounds) ops per second of the
 * implementation that ran, on the threads it used (a device's own), and the time the work
 * would take at the nearest of them — the roofline's time.
 *
 * @param gflops  peak GFLOP/s for the element type
 * @param gbps    bandwidth in GB/s for the working set (cache or memory)
 * @param opsRate ops of {@code opKind} per second; 0 when not measured (the term is left out)
 */
public record Roofline(double gflops, double gbps, double flops, double bytes, String opKind, double opsRate, double ops) {

    public Roofline(double gflops, double gbps, double flops, double bytes) {
        this(gflops, gbps, flops, bytes, null, 0, 0);
    }

    public double computeNanos() {
        return flops == 0 ? 0 : flops / gflops;
    }

    public double memoryNanos() {
        return bytes == 0 ? 0 : bytes / gbps;
    }

    /** Time at the measured ops rate; 0 without ops or without a rate. */
    public double opsNanos() {
        return ops == 0 || opsRate <= 0 ? 0 : ops / opsRate * 1e9;
    }

    /** The time of the work on the slower of the arithmetic units: FLOPs or ops. */
    public double arithmeticNanos() {
        return Math.max(computeNanos(), opsNanos());
    }

    /** The roofline's time: the largest of compute, ops and memory time. */
    public double nanos() {
        return Math.max(arithmeticNanos(), memoryNanos());
    }

    /** "memory", "compute" or "ops": which ceiling binds. */
    public String bound() {
        if (memoryNanos() >= arithmeticNanos()) {
            return "memory";
        }
        return opsNanos() > computeNanos() ? "ops" : "compute";
    }

    /** The binding ceiling in its own unit: GB/s, GFLOP/s, or ops per second. */
    public double ceiling() {
        return switch (bound()) {
            case "memory" -> gbps;
            case "compute" -> gflops;
            default -> opsRate;
        };
    }

    /** The share of the ceiling a measured time reaches: 1 is the roofline itself. */
    public double share(double measuredNanos) {
        return measuredNanos <= 0 ? 0 : nanos() / measuredNanos;
    }
}
